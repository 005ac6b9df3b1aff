/* Enough YAML to read back the guidelines file this site writes (org/data/our-guidelines.yml), and the
 * same file as a person edits it: nested mappings, comments, plain, quoted and block (> and |) text,
 * and an empty mapping written {}. Anything else is refused with its line, never guessed at. */

export class YamlProblem extends Error {
  constructor(line, what) {
    super(`line ${line}: ${what}`);
    this.line = line;
  }
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[][^:#]*?)\s*:(?:\s+(.*))?$/;
const indentOf = (line) => line.search(/\S/);
const blank = (line) => /^\s*(#.*)?$/.test(line);

function unquote(text, line) {
  if (text.startsWith('"')) {
    try {
      return JSON.parse(text);
    } catch (_) {
      throw new YamlProblem(line, "this text in double quotes could not be read");
    }
  }
  if (text.startsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
  return text;
}

/* A value's text without a trailing comment (for quoted text, only after its closing quote). */
function valueText(rest, line) {
  const quote = rest[0];
  if (quote === '"' || quote === "'") {
    const end = quote === '"' ? /^"(?:[^"\\]|\\.)*"/.exec(rest) : /^'(?:[^']|'')*'/.exec(rest);
    if (!end || !blank(rest.slice(end[0].length))) throw new YamlProblem(line, "a quotation mark is not closed");
    return unquote(end[0], line);
  }
  return rest.replace(/\s+#.*$/, "").trim();
}

/* Lines of a block scalar (after `key: >` or `key: |`), folded or kept as the indicator says. */
function blockText(lines, start, parentIndent, indicator) {
  let end = start;
  while (end < lines.length && (lines[end].trim() === "" || indentOf(lines[end]) > parentIndent)) end += 1;
  const body = lines.slice(start, end);
  while (body.length && body[body.length - 1].trim() === "") body.pop();
  const indent = Math.min(...body.filter((l) => l.trim()).map(indentOf));
  const rows = body.map((l) => l.slice(indent));
  let text = "";
  if (indicator[0] === "|") text = rows.join("\n");
  else rows.forEach((row, i) => { text += i === 0 ? row : row === "" ? "\n" : rows[i - 1] === "" ? row : ` ${row}`; });
  return { text: indicator.endsWith("-") ? text : `${text}\n`, next: end };
}

export function parseYaml(source) {
  const lines = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
  const root = {};
  const stack = [{ indent: -1, node: root }];
  let i = 0;
  while (i < lines.length) {
    const raw = lines[i];
    const number = i + 1;
    i += 1;
    if (blank(raw) || raw === "---" || raw === "...") continue;
    if (/\t/.test(raw.slice(0, indentOf(raw)))) throw new YamlProblem(number, "indent with spaces, not tabs");
    const indent = indentOf(raw);
    const match = KEY.exec(raw.slice(indent));
    if (!match) throw new YamlProblem(number, "expected “name: value”");
    while (indent <= stack[stack.length - 1].indent) stack.pop();
    const top = stack[stack.length - 1];
    if (top.pending) {
      top.node = top.parent[top.key] = {};
      top.pending = false;
    }
    if (top.node === null || typeof top.node !== "object") throw new YamlProblem(number, "this line is indented too far");
    const key = unquote(match[1].trim(), number);
    if (Object.prototype.hasOwnProperty.call(top.node, key)) throw new YamlProblem(number, `“${key}” is written twice`);
    const rest = (match[2] || "").trim();
    if (rest === "" || rest.startsWith("#")) {
      top.node[key] = null; // a mapping follows, or nothing
      stack.push({ indent, parent: top.node, key, node: null, pending: true });
    } else if (/^[>|][+-]?(\s+#.*)?$/.test(rest)) {
      const block = blockText(lines, i, indent, rest.split(/\s/)[0]);
      top.node[key] = block.text;
      i = block.next;
    } else if (/^\{\s*\}(\s+#.*)?$/.test(rest)) {
      top.node[key] = {};
    } else if (/^[[{&*!|>%@`]/.test(rest)) {
      throw new YamlProblem(number, "this kind of value is not read here: write plain text");
    } else {
      let text = valueText(rest, number);
      if (!/^["']/.test(rest)) { // plain text may go on over more-indented lines
        while (i < lines.length && !blank(lines[i]) && indentOf(lines[i]) > indent && !KEY.test(lines[i].trim())) {
          text += ` ${lines[i].trim()}`;
          i += 1;
        }
      }
      top.node[key] = text;
    }
  }
  return root;
}
