"""Evidence attachments' pure parts: what a file is by its bytes, its name made safe, the base64 transport
within the limit, and the stores (local files; S3 against an in-memory stand-in of boto3's client)."""
import io
import zipfile

import pytest

from shared.attachments import names, sniffing, transport
from shared.attachments.store import LocalStore, S3Store, StoreError, new_key
from shared.errors import BadInput

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64 + b"This program cannot be run"


def ooxml(main_type: str, extra: dict | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/main.xml" ContentType="{main_type}"/></Types>'))
        for name, text in (extra or {}).items():
            package.writestr(name, text)
    return buffer.getvalue()


DOCX = ooxml("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
XLSX = ooxml("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")


@pytest.mark.parametrize("data, name, expected", [
    (PDF, "rapport.pdf", sniffing.PDF), (PNG, "bilde.png", sniffing.PNG), (JPEG, "foto.jpg", sniffing.JPEG),
    (DOCX, "notat.docx", sniffing.DOCX), (XLSX, "liste.xlsx", sniffing.XLSX),
    ("Logg fra brannmuren\nblokkert: 10.0.0.1\n".encode(), "logg.txt", sniffing.TEXT),
    ("navn;avdeling\nÆrlig Øystein;Lønn\n".encode("cp1252"), "ansatte.csv", sniffing.CSV),
    ("\ufeffnavn,avdeling\nÅse,IT\n".encode("utf-8"), "ansatte.CSV", sniffing.CSV),
])
def test_an_allowed_file_is_known_by_its_bytes(data, name, expected):
    assert sniffing.sniff(data, name) == expected


def test_the_name_does_not_decide_the_type():
    assert sniffing.sniff(PDF, "rapport.txt") == sniffing.PDF  # a PDF is a PDF, whatever it is called
    assert sniffing.sniff(b"plain words", "rapport.pdf") == sniffing.TEXT


@pytest.mark.parametrize("data", [
    EXE,  # an .exe renamed .pdf
    b"",
    b"\x7fELF\x02\x01\x01" + b"\x00" * 40,
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00",
    ooxml("application/vnd.ms-word.document.macroEnabled.main+xml"),  # a .docm: macros
    ooxml("application/xml"),  # a zip with content types, but no document
    b"PK\x03\x04" + b"\x00" * 30,  # a broken zip
    b"PK\x05\x06" + b"\x00" * 18,  # an empty zip
    b"text with an escape \x1b[31m in it",
])
def test_anything_else_is_refused(data):
    assert sniffing.sniff(data, "bevis.pdf") is None


def test_a_zip_without_content_types_is_not_an_office_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/document.xml", "<w:document/>")
    assert sniffing.sniff(buffer.getvalue(), "notat.docx") is None


@pytest.mark.parametrize("given, kept", [
    ("rapport.pdf", "rapport.pdf"),
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\kari\\Skrivebord\\bevis.png", "bevis.png"),
    ("/var/lib/vern/secret.txt", "secret.txt"),
    ("logg\x00\x1b[31m.txt", "logg[31m.txt"),
    ("faktura\u202egdp.exe", "fakturagdp.exe"),  # a right-to-left override that would show it as exe.pdf
    ("linje\nskift\t.txt", "linje skift .txt"),
    ('a<b>c:"d|e?f*.pdf', "a_b_c__d_e_f_.pdf"),
    ("..", names.FALLBACK), ("", names.FALLBACK), (None, names.FALLBACK), ("   ", names.FALLBACK),
    (".htaccess", "htaccess"),
    ("Møtereferat – ROS-analyse.docx", "Møtereferat – ROS-analyse.docx"),
])
def test_a_name_is_cleaned(given, kept):
    assert names.clean_name(given) == kept


def test_a_long_name_is_capped_with_its_extension_kept():
    cleaned = names.clean_name("x" * 500 + ".pdf")
    assert len(cleaned) == names.MAX_LENGTH and cleaned.endswith(".pdf")
    assert len(names.clean_name("y" * 500)) == names.MAX_LENGTH


def test_content_disposition_is_an_attachment_with_an_ascii_fallback_and_the_utf8_name():
    header = names.content_disposition("Møtereferat ROS.pdf")
    assert header == ("attachment; filename=\"Motereferat ROS.pdf\"; "
                      "filename*=UTF-8''M%C3%B8tereferat%20ROS.pdf")


def test_base64_travels_within_the_limit_and_the_refusal_names_the_field():
    assert transport.decode(transport.encode(PDF), 1000) == PDF
    with pytest.raises(BadInput) as refused:
        transport.decode(transport.encode(b"x" * 1001), 1000)
    assert list(refused.value.details) == ["file"]
    with pytest.raises(BadInput) as refused:  # too long to be decoded at all
        transport.decode("A" * (transport.encoded_length(1000) + 4), 1000)
    assert list(refused.value.details) == ["file"]
    for bad in ("not base64!", 42, ""):
        with pytest.raises(BadInput) as refused:
            transport.decode(bad, 1000)
        assert list(refused.value.details) == ["file"]


def test_the_local_store_keeps_bytes_under_the_generated_key_only(tmp_path):
    store = LocalStore(tmp_path / "incidents")
    key = new_key()
    store.put(key, PDF)
    assert store.get(key) == PDF
    [stored] = [path for path in (tmp_path / "incidents").rglob("*") if path.is_file()]
    assert stored.name == key and oct(stored.stat().st_mode & 0o777) == "0o600"
    for bad in ("../../etc/passwd", "rapport.pdf", ""):
        with pytest.raises(ValueError):
            store.put(bad, PDF)
    with pytest.raises(StoreError):
        store.get(new_key())


class FakeS3:
    """The two calls of boto3's S3 client the store makes, in memory (not S3 itself)."""

    def __init__(self):
        self.objects = {}

    def put_object(self, Bucket, Key, Body, ContentType):
        self.objects[(Bucket, Key)] = (Body, ContentType)

    def get_object(self, Bucket, Key):
        if (Bucket, Key) not in self.objects:
            raise KeyError(Key)  # botocore raises NoSuchKey
        return {"Body": io.BytesIO(self.objects[(Bucket, Key)][0])}


def test_the_s3_store_writes_opaque_objects_under_the_service_prefix():
    client = FakeS3()
    store = S3Store(client, "vern-vedlegg", "risk/")
    key = new_key()
    store.put(key, PNG)
    assert client.objects == {("vern-vedlegg", f"risk/{key}"): (PNG, "application/octet-stream")}
    assert store.get(key) == PNG
    with pytest.raises(StoreError):
        store.get(new_key())
