"""Numbers with decimals as the reader writes them: a decimal comma in bokmål ("2,5"), a point in English."""


def decimal(value: float | int, language: str = "nb", places: int = 1) -> str:
    """A float with `places` decimals, the separator of the language; an int as it is."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"not a number: {value!r}")
    if isinstance(value, int):
        return str(value)
    text = f"{value:.{places}f}"
    return text if language == "en" else text.replace(".", ",")
