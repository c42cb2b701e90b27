"""Operator commands in an installation without notifications: bootstrap's `vern directory load` must not fail."""
import yaml

from vern_cli.main import main


def test_directory_load_without_notifications_says_so_and_succeeds(tmp_path, capsys):
    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump({"AMQP_URI": "amqp://guest:guest@127.0.0.1:5672/", "JWT_SECRET": "k" * 40,
                                      "SERVICES": ["privacy_register"],
                                      "DATABASES": {"notifications": f"sqlite:///{tmp_path / 'absent.db'}"}}))
    assert main(["--config", str(config), "directory", "load"]) == 0
    assert "notifications is not deployed" in capsys.readouterr().out
    assert not (tmp_path / "absent.db").exists()  # no database made for a service that is not there
