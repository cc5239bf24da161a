"""The English and Chinese key names of a model's fields, as plans write them."""

import functools

from pydantic import BaseModel


@functools.lru_cache(maxsize=None)
def english_keys(model: type[BaseModel]) -> dict[str, str]:
    """Field name -> the English key a plan writes (``from_`` is written ``from``)."""
    return {name: (info.alias or name) for name, info in model.model_fields.items()}


def chinese_keys(model: type[BaseModel], name: str) -> list[str]:
    extra = model.model_fields[name].json_schema_extra
    return list(extra.get("zh", [])) if isinstance(extra, dict) else []

