"""textDocument/codeAction (+ codeAction/resolve); "Explain" runs ``pygloss.explain``.

For each pygloss finding in the requested range: its quick fix (preferred only when
safe), "Ignore PGxxx on this line", and "Explain PGxxx" (opens the topic); a rule
whose fix is a refactoring (``Rule.fix_kind``) offers it as ``refactor.rewrite``,
never preferred.  Plus ``source.fixAll.pygloss`` with every safe fix.  When the
client can resolve code actions lazily, edits are computed only in ``codeAction/resolve``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from lsprotocol import types

from pygloss.lsp.convert import to_lsp_range
from pygloss.lsp.documents import Document
from pygloss.lsp.features.commands import EXPLAIN_COMMAND
from pygloss.lsp.features.diagnostics import lint_document, to_diagnostic
from pygloss.lsp.notebooks import CellDocument, cell_fix_all_edit
from pygloss.lsp.server import PyglossServer, guarded
from pygloss.lsp.text import plain_title
from pygloss.rules.base import Finding, Fix, FixKind, FixSafety

FIX_ALL = "source.fixAll.pygloss"
# what an unsafe fix's title says (docs/rules.md: a safe fix cannot change what a
# program that ran without error does); the rule's page says why under Fix safety
UNSAFE = " (unsafe: may change what the code does)"
# A rule's fix is offered as a quick fix, or as a refactoring the user picks on purpose.
_FIX_KINDS = {
    FixKind.QUICKFIX: types.CodeActionKind.QuickFix,
    FixKind.REFACTOR_REWRITE: types.CodeActionKind.RefactorRewrite,
}


def _resolvable(ls: PyglossServer) -> bool:
    caps = ls.client_capabilities.text_document
    action = caps.code_action if caps else None
    support = action.resolve_support if action else None
    return bool(support and "edit" in support.properties)


def _wanted(only: Sequence[str] | None, kind: str) -> bool:
    return not only or any(kind == k or kind.startswith(k + ".") for k in only)


def _find(ls: PyglossServer, doc: Document, code: str, start: int, end: int) -> Finding | None:
    for finding in lint_document(ls, doc).findings:
        if finding.code == code and finding.start == start and finding.end == end:
            return finding
    return None


def _fix_edit(
    ls: PyglossServer, doc: Document, finding: Finding, found: Fix | None = None
) -> types.WorkspaceEdit | None:
    if found is None:
        found = ls.engine.fix(doc.source, finding, doc.path, lint_document(ls, doc).context)
    if found is None:
        return None
    changes: dict[str, list[types.TextEdit]] = {}
    for e in found.edits:  # (in a notebook, an import may go to another cell)
        location = doc.location(e.start, e.end, ls.encoding, e.new_text)
        if location is None:
            return None
        changes.setdefault(location.uri, []).append(
            types.TextEdit(range=location.range, new_text=e.new_text)
        )
    return types.WorkspaceEdit(changes=changes)


def _ignore_edit(ls: PyglossServer, doc: Document, finding: Finding) -> types.WorkspaceEdit | None:
    source = doc.source
    line = source.line_of(finding.start)
    text = source.line_text(line)
    line_start = source.line_starts[line]
    marker = "# pygloss: ignore["
    if marker in text:
        at = line_start + text.index(marker) + len(marker)
        new_text, start = f"{finding.code}, ", at
    elif '"""' in text or "'''" in text or text.rstrip().endswith("\\"):
        indent = text[: len(text) - len(text.lstrip())]
        newline = source.text[line_start + len(text) : line_start + len(text) + 2]
        newline = "\r\n" if newline == "\r\n" else (newline[:1] or "\n")
        new_text, start = f"{indent}# pygloss: ignore[{finding.code}]{newline}", line_start
    else:
        new_text, start = f"  # pygloss: ignore[{finding.code}]", line_start + len(text)
    where = doc.location(start, start, ls.encoding, new_text)
    if where is None:
        return None
    edit = types.TextEdit(range=where.range, new_text=new_text)
    return types.WorkspaceEdit(changes={where.uri: [edit]})


def _fix_all_edit(ls: PyglossServer, doc: Document) -> types.WorkspaceEdit | None:
    if isinstance(doc, CellDocument):  # the safe fixes that change this cell only
        return cell_fix_all_edit(doc, ls.config_for(doc), ls.encoding)
    from pygloss.engine.fixes import fix_all  # libcst and the rules: on first use

    result = fix_all(doc.text, ls.config_for(doc), doc.path)
    if result.applied == 0 or result.text == doc.text:
        return None
    whole = to_lsp_range(doc.source, 0, len(doc.text), ls.encoding)
    return types.WorkspaceEdit(
        changes={doc.uri: [types.TextEdit(range=whole, new_text=result.text)]}
    )


def register(server: PyglossServer) -> None:
    kinds = [
        types.CodeActionKind.QuickFix,
        types.CodeActionKind.RefactorRewrite,
        types.CodeActionKind.SourceFixAll,
        FIX_ALL,
    ]

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=kinds, resolve_provider=True),
    )
    @guarded(server, default=[])
    async def code_action(
        ls: PyglossServer, params: types.CodeActionParams
    ) -> list[types.CodeAction]:
        doc = ls.store.get(params.text_document.uri)
        if doc is None or ls.too_large(doc):
            return []
        actions = await ls.run_in_pool(_actions, ls, doc, params)
        return cast(list[types.CodeAction], actions)

    @server.feature(types.CODE_ACTION_RESOLVE)
    @guarded(server)
    def resolve(ls: PyglossServer, action: types.CodeAction) -> types.CodeAction:
        data: dict[str, Any] = action.data or {}
        doc = ls.store.get(str(data.get("uri", "")))
        if doc is None or doc.revision != data.get("version"):
            return action
        if data.get("action") == "fixAll":
            action.edit = _fix_all_edit(ls, doc)
            return action
        finding = _find(ls, doc, str(data.get("code")), int(data["start"]), int(data["end"]))
        if finding is not None:
            action.edit = _fix_edit(ls, doc, finding)
        return action


def _actions(
    ls: PyglossServer, doc: Document, params: types.CodeActionParams
) -> list[types.CodeAction]:
    only = params.context.only
    lazy = _resolvable(ls)
    start, end = doc.to_offsets(params.range, ls.encoding)
    actions: list[types.CodeAction] = []
    result = lint_document(ls, doc)
    for finding in result.findings:
        if finding.end < start or finding.start > end or not doc.owns(finding.start, finding.end):
            continue
        diagnostic = to_diagnostic(ls, doc, finding)
        rule = ls.engine.rule(finding.code)
        if rule is None:
            continue
        fix_kind = _FIX_KINDS[rule.fix_kind]
        fixable = rule.fix_safety is not None and finding.data.get("fixable", True)
        found: Fix | None = None
        eager = not lazy or rule.fix_safety is FixSafety.SAFE or isinstance(doc, CellDocument)
        if fixable and _wanted(only, fix_kind) and eager:
            # a rule whose fix is safe may still build an unsafe one for this finding:
            # its label must say so before the edit is resolved (and in a notebook, a
            # fix that would reach across cells or into IPython syntax is not offered)
            found = ls.engine.fix(doc.source, finding, doc.path, result.context)
            fixable = found is not None
        if fixable and _wanted(only, fix_kind):
            safe = (found.safety if found else rule.fix_safety) is FixSafety.SAFE
            title = plain_title(rule.fix_title or f"Fix {finding.code}") + ("" if safe else UNSAFE)
            action = types.CodeAction(
                title=title,
                kind=fix_kind,
                diagnostics=[diagnostic],
                is_preferred=safe and rule.fix_kind is FixKind.QUICKFIX,
            )
            if lazy:
                action.data = {
                    "uri": doc.uri,
                    "version": doc.revision,
                    "code": finding.code,
                    "start": finding.start,
                    "end": finding.end,
                }
                actions.append(action)
            else:
                action.edit = _fix_edit(ls, doc, finding, found)
                if action.edit is not None:
                    actions.append(action)
        if _wanted(only, types.CodeActionKind.QuickFix):
            ignore = _ignore_edit(ls, doc, finding)
            if ignore is not None:
                actions.append(
                    types.CodeAction(
                        title=f"Ignore {finding.code} on this line",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic],
                        edit=ignore,
                    )
                )
            topic = ls.engine.rule_topic(finding.code)
            if topic is not None:
                actions.append(
                    types.CodeAction(
                        title=f"Explain {finding.code}",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic],
                        command=types.Command(
                            title=f"Explain {finding.code}",
                            command=EXPLAIN_COMMAND,
                            arguments=[topic.id],
                        ),
                    )
                )
    if only and _wanted(only, FIX_ALL):
        fix_all_action = types.CodeAction(title="pygloss: fix all safe fixes", kind=FIX_ALL)
        if lazy:
            fix_all_action.data = {"uri": doc.uri, "version": doc.revision, "action": "fixAll"}
            actions.append(fix_all_action)
        else:
            fix_all_action.edit = _fix_all_edit(ls, doc)
            if fix_all_action.edit is not None:
                actions.append(fix_all_action)
    return actions
