"""A rule's documentation, from its YAML: for `xxgk-lint rule CODE`, docs/rules/ and SARIF help."""
from __future__ import annotations

from .rule import Rule

SECTIONS = (("what", "What it does", "检查什么"), ("why", "Why it matters", "为什么"),
            ("example", "Example", "示例"), ("fix", "How to fix", "如何修改"))


def _message_lines(rule: Rule) -> list[str]:
    def one(text):
        return list(text.values()) if isinstance(text, dict) else [text]
    return one(rule.message)


# what a rule's `fix` means for its user (Markdown, text)
_FIXES = {
    "": ("none", "none"),
    "safe": ("safe — `xxgk-lint --fix` applies it (text files)", "safe (xxgk-lint --fix applies it)"),
    "unsafe": ("unsafe — `xxgk-lint --fix --unsafe-fixes` applies it and lists each change; check it",
               "unsafe (--fix --unsafe-fixes applies it and lists each change)"),
}


def as_markdown(rule: Rule) -> str:
    lines = [f"# {rule.code} {rule.name}", "",
             f"- severity: `{rule.severity}`", f"- kind: `{rule.kind}`", f"- source: `rules/{_file(rule)}`",
             f"- fix: {_FIXES[rule.fix][0]}", ""]
    for key, en, zh in SECTIONS:
        lines += [f"## {zh} ({en})", "", rule.docs.get(key, "").strip(), ""]
    lines += ["## 消息 (Messages)", ""] + [f"- {m}" for m in _message_lines(rule)] + [""]
    return "\n".join(lines)


def as_text(rule: Rule) -> str:
    lines = [f"{rule.code} {rule.name}  [{rule.severity}, kind {rule.kind}]", f"fix: {_FIXES[rule.fix][1]}", ""]
    for key, en, zh in SECTIONS:
        lines += [f"{zh} / {en}", "  " + rule.docs.get(key, "").strip().replace("\n", "\n  "), ""]
    return "\n".join(lines)


def _file(rule: Rule) -> str:
    return rule.source.replace("\\", "/").rsplit("/", 1)[-1] if rule.source else f"{rule.code}-{rule.name}.yaml"


def index_markdown(rules: list[Rule]) -> str:
    rows = [f"| [{r.code}]({r.code}-{r.name}.md) | {r.name} | {r.severity} | {r.kind} | {r.docs.get('what', '').strip()} |"
            for r in rules]
    return "\n".join(["# Rules", "", "Generated from `rules/*.yaml` by `xxgk-lint generate-docs docs/rules`; do not edit.",
                      "", "| code | name | severity | kind | what |", "|---|---|---|---|---|", *rows, ""])
