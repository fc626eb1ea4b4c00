# nbconvert config used by scripts/run-notebooks.mjs (passed with --config).
#
# tslab reports a failing cell as status=error with an *empty* ename/evalue and
# writes the real message (TypeScript diagnostic or JS stack) to the cell's
# stderr stream, so nbconvert's CellExecutionError alone says just "<Error>:".
# This hook prints the failing cell's index, source and outputs to stderr
# between markers that run-notebooks.mjs extracts.
import sys


def _text(out):
    if out.get("output_type") == "stream":
        return "".join(out.get("text", ""))
    if out.get("output_type") == "error":
        return "\n".join([f"{out.get('ename')}: {out.get('evalue')}"] + list(out.get("traceback", [])))
    data = out.get("data", {})
    return "".join(data.get("text/plain", "")) if "text/plain" in data else f"<{', '.join(data)}>"


def report_cell_error(cell, cell_index, execute_reply, **kwargs):
    content = execute_reply.get("content", {})
    lines = [f"@@SMFG-CELL-ERROR-BEGIN cell index {cell_index} (0-based, markdown cells included)"]
    lines.append("--- source ---")
    lines.append(cell.get("source", ""))
    lines.append("--- error ---")
    if content.get("ename") or content.get("evalue"):
        lines.append(f"{content.get('ename')}: {content.get('evalue')}")
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error" or out.get("name") == "stderr":
            lines.append(_text(out).rstrip())
    lines.append("@@SMFG-CELL-ERROR-END")
    print("\n".join(lines), file=sys.stderr, flush=True)


def record_execution_count(cell, cell_index, execute_reply, **kwargs):
    """tslab puts the execution count only in its execute_reply (not in execute_input or the
    outputs, where nbclient looks), so executed notebooks and reports showed "In [ ]:"."""
    count = execute_reply.get("content", {}).get("execution_count")
    if cell.get("execution_count") is None and isinstance(count, int):
        cell["execution_count"] = count
        for out in cell.get("outputs", []):
            if out.get("output_type") == "execute_result" and out.get("execution_count") is None:
                out["execution_count"] = count


c = get_config()  # noqa: F821  (provided by traitlets when loading the file)
c.ExecutePreprocessor.on_cell_error = report_cell_error
c.ExecutePreprocessor.on_cell_executed = record_execution_count

# HTML reports: the project's template (scripts/nbconvert_templates/smfg) drops the stock
# template's require.js / MathJax / widget <script src> references, so every report is
# self-contained (no file:// and no network reference), and lets wide tables scroll.
import os

c.HTMLExporter.extra_template_basedirs = [os.path.join(os.path.dirname(os.path.abspath(__file__)), "nbconvert_templates")]
c.HTMLExporter.template_name = "smfg"
