"""Write the data dictionary (Markdown) from ``datapackage.json``, so the two never drift.

Run ``make data-dictionary``; a test fails when the committed file is out of date.
"""

from __future__ import annotations

from . import package_schema as ps


def render() -> str:
    dp = ps.descriptor()
    out = [
        f"# Data dictionary: {dp['title']}",
        "",
        "Generated from `lessons_data/datapackage.json` by `make data-dictionary`; do not "
        "edit by hand.",
        "",
        dp["description"],
        "",
        f"Data license: {dp['licenses'][0]['title']}. Dates are ISO `YYYY-MM-DD` (Gregorian); "
        "`;` separates ids inside one cell.",
        "",
    ]
    for res in dp["resources"]:
        schema = res["schema"]
        out += [
            f"## `{res['path']}`",
            "",
            res["description"],
            "",
            f"Primary key: `{', '.join(ps.primary_key(res['name']))}`",
            "",
        ]
        refs = [
            f"`{fk['fields'][0]}` → `{fk['reference']['resource']}.{fk['reference']['fields'][0]}`"
            for fk in schema.get("foreignKeys", [])
        ]
        refs += [
            f"`{fk.field}` (each id) → `{fk.resource}.{fk.ref_field}`"
            for fk in ps.list_foreign_keys(res["name"])
        ]
        if refs:
            out += ["References: " + "; ".join(refs), ""]
        out += [
            "| column | type | required | allowed values / rule | meaning |",
            "| --- | --- | --- | --- | --- |",
        ]
        for f in schema["fields"]:
            c = f.get("constraints", {})
            rule = ", ".join(f"`{v}`" for v in c["enum"]) if "enum" in c else ""
            if "minimum" in c or "maximum" in c:
                lo, hi = c.get("minimum"), c.get("maximum")
                rule = (
                    f"{lo} to {hi}"
                    if lo is not None and hi is not None
                    else f"at least {lo}"
                    if lo is not None
                    else f"at most {hi}"
                )
            if "pattern" in c and not rule:
                rule = (
                    "`;`-separated ids"
                    if "(;" in c["pattern"]
                    else "lowercase id"
                    if c["pattern"] == "^[a-z0-9_]+$"
                    else f"pattern `{c['pattern']}`"
                )
            req = "yes" if c.get("required") else ""
            out.append(
                f"| `{f['name']}` | {f['type']} | {req} | {rule} | {f.get('description', '')} |"
            )
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(render(), end="")
