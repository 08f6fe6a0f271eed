"""Classification symbols met in exchanged documents, checked and normalised (a bad symbol refuses the document)."""

from __future__ import annotations

from ipoffice.core import classification, i18n
from ipoffice.core.errors import UserError
from ipoffice.exchange.records import ClassRecord

i18n.register(
    {
        "exchange.import.bad_class": {
            "vi": "Ký hiệu phân loại {scheme} không hợp lệ: «{value}» ở {element}",
            "en": "Invalid {scheme} classification symbol '{value}' in {element}",
        },
    }
)

_RULES = {
    "nice": "Nice Agreement (classes 1-45)",
    "ipc": "IPC (Strasbourg Agreement)",
    "cpc": "CPC (EPO/USPTO)",
    "locarno": "Locarno Agreement (classes 1-32)",
    "vienna": "Vienna Agreement",
}


def check_class(scheme: str, value: str, element: str) -> ClassRecord:
    """The normalised symbol; a :class:`UserError` naming the element when it is malformed or out of range.

    IPC and CPC symbols are checked for form (section, class, subclass, group), not against one edition of the
    scheme: foreign documents carry symbols of older editions that are no longer in force.
    """
    try:
        if scheme == "nice":
            symbol = str(classification.validate_nice_class(str(value).strip().lstrip("0") or "0"))
        elif scheme == "ipc":
            ipc = classification.parse_ipc(value)
            if not ipc.is_group:
                raise UserError("classification.ipc_not_group", field="ipc", value=value)
            symbol = str(ipc)
        elif scheme == "cpc":
            symbol = classification.normalize_cpc(value)
        elif scheme == "locarno":
            symbol = classification.normalize_locarno(value)
        elif scheme == "vienna":
            symbol = classification.normalize_vienna(value)
        else:
            raise UserError("classification.unknown_scheme", field="scheme", value=scheme)
    except UserError:
        raise UserError(
            "exchange.import.bad_class",
            field=element,
            rule=_RULES.get(scheme, scheme),
            scheme=scheme.upper() if scheme != "nice" else "Nice",
            value=value,
            element=element,
        ) from None
    return ClassRecord(scheme=scheme, symbol=symbol)
