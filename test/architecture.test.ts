/**
 * @module test/architecture
 * Machine check of the import rule and the determinism rules (ARCHITECTURE.md): every file under src/core imports only
 * from src/core and never touches the clock, randomness, timers, the process or floating-point parsing; every file
 * under src/ opens with a `@module` header. Comments are stripped and string contents blanked before scanning, so
 * prose never trips it. A self-check runs the scanner on bad samples first, so a broken scanner fails loudly.
 */

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SRC = join(ROOT, "src");
const CORE = join(SRC, "core");

/** File extensions of source files. */
const SOURCE_EXTENSIONS = new Set([".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"]);

/** Globals the core must not touch: clock, randomness, timers, the process, float parsing of money. */
const FORBIDDEN: readonly { readonly name: string; readonly re: RegExp }[] = [
  { name: "Date", re: /(?<![\w$])Date(?![\w$])/g },
  { name: "performance.now", re: /(?<![\w$])performance\s*\.\s*now(?![\w$])/g },
  { name: "Math.random", re: /(?<![\w$])Math\s*\.\s*random(?![\w$])/g },
  { name: "crypto", re: /(?<![\w$])crypto(?![\w$])/g },
  { name: "setTimeout", re: /(?<![\w$])setTimeout(?![\w$])/g },
  { name: "setInterval", re: /(?<![\w$])setInterval(?![\w$])/g },
  { name: "setImmediate", re: /(?<![\w$])setImmediate(?![\w$])/g },
  { name: "queueMicrotask", re: /(?<![\w$])queueMicrotask(?![\w$])/g },
  { name: "process", re: /(?<![\w$])process(?![\w$])/g },
  { name: "parseFloat", re: /(?<![\w$])parseFloat(?![\w$])/g },
  { name: "toFixed", re: /(?<![\w$])toFixed(?![\w$])/g },
];

/** Keywords after which a `/` starts a regular expression rather than a division. */
const REGEX_AFTER_WORD = new Set([
  "return",
  "typeof",
  "instanceof",
  "case",
  "do",
  "else",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "yield",
  "await",
]);

// ===== Scanner

/**
 * Source with comments replaced by spaces (`code`), and the same again with the contents of string, template and
 * regex literals replaced by spaces (`bare`). Both keep every offset and newline of the original.
 */
interface Stripped {
  readonly code: string;
  readonly bare: string;
}

/** Strips comments and blanks literal contents. A small tokenizer: strings, templates with `${}`, regexes. */
export function strip(src: string): Stripped {
  const code: string[] = [];
  const bare: string[] = [];
  let i = 0;
  let lastSig = "";
  let lastWord = "";
  let prev = "";
  const keep = (c: string) => {
    code.push(c);
    bare.push(c);
  };
  const blank = (c: string) => {
    code.push(c);
    bare.push(c === "\n" ? "\n" : " ");
  };
  const erase = (c: string) => {
    code.push(c === "\n" ? "\n" : " ");
    bare.push(c === "\n" ? "\n" : " ");
  };
  const quoted = (quote: string) => {
    keep(src[i++] as string);
    while (i < src.length) {
      const c = src[i] as string;
      if (c === "\\") {
        blank(c);
        if (i + 1 < src.length) blank(src[i + 1] as string);
        i += 2;
      } else if (c === quote) {
        keep(c);
        i++;
        return;
      } else if (c === "\n") {
        return;
      } else {
        blank(c);
        i++;
      }
    }
  };
  const regex = () => {
    keep(src[i++] as string);
    let inClass = false;
    while (i < src.length) {
      const c = src[i] as string;
      if (c === "\\") {
        blank(c);
        if (i + 1 < src.length) blank(src[i + 1] as string);
        i += 2;
        continue;
      }
      if (c === "\n") return;
      if (c === "[") inClass = true;
      else if (c === "]") inClass = false;
      else if (c === "/" && !inClass) {
        keep(c);
        i++;
        while (i < src.length && /[a-z]/.test(src[i] as string)) keep(src[i++] as string);
        return;
      }
      blank(c);
      i++;
    }
  };
  /** Code until the end, or until the `}` closing a template's `${` when `inTemplate`. */
  const codeUntil = (inTemplate: boolean) => {
    let depth = 0;
    while (i < src.length) {
      const c = src[i] as string;
      const next = src[i + 1];
      if (c === "/" && next === "/") {
        while (i < src.length && src[i] !== "\n") erase(src[i++] as string);
      } else if (c === "/" && next === "*") {
        const end = src.indexOf("*/", i + 2);
        const stop = end === -1 ? src.length : end + 2;
        while (i < stop) erase(src[i++] as string);
      } else if (c === '"' || c === "'") {
        quoted(c);
        lastSig = c;
        lastWord = "";
      } else if (c === "`") {
        template();
        lastSig = c;
        lastWord = "";
      } else if (
        c === "/" &&
        (lastSig === "" || "(,=:[!&|?{};+-*%<>~^".includes(lastSig) || REGEX_AFTER_WORD.has(lastWord))
      ) {
        regex();
        lastSig = "/";
        lastWord = "";
      } else {
        if (c === "{") depth++;
        if (c === "}") {
          if (inTemplate && depth === 0) return;
          depth--;
        }
        keep(c);
        i++;
        if (!/\s/.test(c)) {
          lastWord = /[\w$]/.test(c) ? (/[\w$]/.test(prev) ? lastWord + c : c) : "";
          lastSig = c;
        }
        prev = c;
        continue;
      }
      prev = " ";
    }
  };
  const template = () => {
    keep(src[i++] as string);
    while (i < src.length) {
      const c = src[i] as string;
      if (c === "\\") {
        blank(c);
        if (i + 1 < src.length) blank(src[i + 1] as string);
        i += 2;
      } else if (c === "`") {
        keep(c);
        i++;
        return;
      } else if (c === "$" && src[i + 1] === "{") {
        keep("$");
        keep("{");
        i += 2;
        lastSig = "{";
        codeUntil(true);
        if (i < src.length) keep(src[i++] as string);
      } else {
        blank(c);
        i++;
      }
    }
  };
  codeUntil(false);
  return { code: code.join(""), bare: bare.join("") };
}

/** One broken rule, at a 1-based line. */
export interface Violation {
  readonly line: number;
  readonly message: string;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let k = 0; k < index; k++) if (text.charCodeAt(k) === 10) line++;
  return line;
}

/** Why an import specifier seen in `file` leaves src/core, or undefined when it stays inside. */
function importProblem(spec: string, file: string, coreDir: string): string | undefined {
  if (spec.startsWith("node:")) return `imports the Node built-in "${spec}"`;
  if (!spec.startsWith("./") && !spec.startsWith("../") && !spec.startsWith("/") && spec !== "." && spec !== "..") {
    return `imports the package "${spec}"`;
  }
  const target = resolve(dirname(file), spec);
  if (target !== coreDir && !target.startsWith(coreDir + sep)) return `imports "${spec}", outside src/core`;
  return undefined;
}

/** Every violation of the core's rules in one source file (`file` is its absolute path, for relative imports). */
export function scanCore(src: string, file: string, coreDir: string = CORE): Violation[] {
  const { code, bare } = strip(src);
  const found: { index: number; message: string }[] = [];
  const literal = (quoteStart: number, quoteEnd: number) => code.slice(quoteStart + 1, quoteEnd);
  // `import … from "x"`, `export … from "x"`, `import "x"`.
  for (const m of bare.matchAll(/(?<![\w$.])(?:from|import)\s*(["'])[^"'\n]*\1/g)) {
    const open = m.index + m[0].indexOf(m[1] as string);
    const spec = literal(open, m.index + m[0].length - 1);
    const problem = importProblem(spec, file, coreDir);
    if (problem !== undefined) found.push({ index: m.index, message: problem });
  }
  // `import(…)` and `require(…)`: only a plain literal inside src/core passes.
  for (const m of bare.matchAll(/(?<![\w$.])(import|require)\s*\(\s*/g)) {
    const start = m.index + m[0].length;
    const lit = /^(["'`])([^"'`\n]*)\1\s*\)/.exec(bare.slice(start));
    const spec = lit === null ? undefined : literal(start, start + 1 + (lit[2] as string).length);
    if (spec === undefined || spec.includes("${")) {
      found.push({ index: m.index, message: `${m[1]}() of a computed specifier` });
      continue;
    }
    const problem = importProblem(spec, file, coreDir);
    if (problem !== undefined) found.push({ index: m.index, message: `${m[1]}(): ${problem}` });
    else if (m[1] === "require") found.push({ index: m.index, message: "uses require(); the core is ESM" });
  }
  for (const { name, re } of FORBIDDEN) {
    for (const m of bare.matchAll(re)) found.push({ index: m.index, message: `uses ${name}` });
  }
  return found.sort((a, b) => a.index - b.index).map((f) => ({ line: lineAt(src, f.index), message: f.message }));
}

/** Whether a source file opens with a doc comment that has a `@module` tag. */
export function hasModuleHeader(src: string): boolean {
  const text = src.startsWith("#!") ? src.slice(src.indexOf("\n") + 1) : src;
  const trimmed = text.trimStart();
  if (!trimmed.startsWith("/**")) return false;
  const end = trimmed.indexOf("*/");
  return end !== -1 && /@module\b/.test(trimmed.slice(0, end));
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.isFile() && SOURCE_EXTENSIONS.has(extname(entry.name))) out.push(path);
  }
  return out.sort();
}

// ===== Self-check

describe("architecture scanner (self-check)", () => {
  const sample = join(CORE, "book", "sample.ts");
  const messages = (src: string) => scanCore(src, sample).map((v) => v.message);

  const bad: readonly [string, string][] = [
    ['import { readFileSync } from "node:fs";', "Node built-in"],
    ['import fs from "fs";', 'package "fs"'],
    ['import type { Info } from "../../api/info/index.ts";', "outside src/core"],
    ['export { append } from "../../journal/journal.ts";', "outside src/core"],
    ['export * from "valibot";', 'package "valibot"'],
    ['import {\n  a,\n  b,\n} from "../../server/app.ts";', "outside src/core"],
    ['import "node:crypto";', "Node built-in"],
    ['const fs = await import("node:fs");', "Node built-in"],
    ['const m = await import("../../../bench/main.ts");', "outside src/core"],
    ["const m = await import(name);", "computed specifier"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the sample is source text with a template literal
    ["const m = await import(`./${name}.ts`);", "computed specifier"],
    ['const fs = require("fs");', 'package "fs"'],
    ['const num = require("../num.ts");', "require()"],
    ["const t = Date.now();", "Date"],
    ["const d = new Date(0);", "Date"],
    ["const t = globalThis.Date;", "Date"],
    ["const t = performance.now();", "performance.now"],
    ["const r = Math.random();", "Math.random"],
    ["const id = crypto.randomUUID();", "crypto"],
    ["setTimeout(() => {}, 1);", "setTimeout"],
    ["const h = setInterval(tick, 1000);", "setInterval"],
    ["setImmediate(run);", "setImmediate"],
    ["queueMicrotask(run);", "queueMicrotask"],
    ["const env = process.env.HYPERLOCAL;", "process"],
    ['const px = parseFloat("1.5");', "parseFloat"],
    ['const px = Number.parseFloat("1.5");', "parseFloat"],
    ["const text = px.toFixed(2);", "toFixed"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the sample is source text with a template literal
    ["const s = `mark ${Date.now()}`;", "Date"],
  ];
  for (const [src, expected] of bad) {
    it(`catches ${JSON.stringify(src)}`, () => {
      const found = messages(src);
      assert.ok(
        found.some((m) => m.includes(expected)),
        `expected a violation mentioning "${expected}", got ${JSON.stringify(found)}`,
      );
    });
  }

  it("reports the line of a violation", () => {
    assert.deepEqual(scanCore('const a = 1;\n\nconst t = Date.now();\nimport "node:fs";\n', sample), [
      { line: 3, message: "uses Date" },
      { line: 4, message: 'imports the Node built-in "node:fs"' },
    ]);
  });

  it("ignores comments, strings, templates and regexes; allows imports inside src/core", () => {
    const clean = [
      "/**",
      " * @module core/book/sample",
      ' * Never calls Date.now(), Math.random() or setTimeout; never `import fs from "node:fs"`.',
      " */",
      'import type { Tif } from "../command.ts";',
      'import { formatUnits } from "../num.ts";',
      'export { Book } from "./book.ts";',
      'import { Universe } from "../markets/universe.ts"; // not from "node:fs", no process.env',
      'const a = "Date.now() and process and import(\\"node:fs\\")";',
      "const b = 'parseFloat toFixed crypto';",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the sample is source text with a template literal
      "const c = `setTimeout ${formatUnits(1, 2)} Math.random() ${`nested ${a} process`}`;",
      "const d = /\\/\\/ not a comment, Date [/*] setInterval/g;",
      "const e = 10 / 2 / 5; /* Date.now() */ const f = Array.from([1]);",
      "const g = { dated: 1, processed: 2, toFixedPoint: 3, $process: 4 };",
      "export const DAY = (e + f.length) / d.lastIndex;",
    ].join("\n");
    assert.deepEqual(scanCore(clean, sample), []);
  });

  it("recognises module headers", () => {
    assert.equal(hasModuleHeader("/**\n * @module core/x\n * Pure.\n */\nexport {};\n"), true);
    assert.equal(hasModuleHeader("#!/usr/bin/env node\n/**\n * @module bin\n */\n"), true);
    assert.equal(hasModuleHeader("/** No tag here. */\n/** @module late */\n"), false);
    assert.equal(hasModuleHeader('import x from "./x.ts";\n/** @module late */\n'), false);
    assert.equal(hasModuleHeader("// @module line comment\n"), false);
  });
});

// ===== The rules

describe("architecture", () => {
  const coreFiles = sourceFiles(CORE);

  it("finds the core's source files", () => {
    assert.ok(coreFiles.length >= 5, `only ${coreFiles.length} files under src/core`);
  });

  it("src/core imports only src/core and uses no clock, randomness, timers, process or float parsing", () => {
    const problems: string[] = [];
    for (const file of coreFiles) {
      for (const v of scanCore(readFileSync(file, "utf8"), file)) {
        problems.push(`${relative(ROOT, file)}:${v.line}: ${v.message}`);
      }
    }
    assert.deepEqual(problems, [], `src/core breaks the architecture rules:\n${problems.join("\n")}`);
  });

  it("every file in src/ starts with a /** … @module */ header", () => {
    const missing = sourceFiles(SRC)
      .filter((file) => !hasModuleHeader(readFileSync(file, "utf8")))
      .map((file) => relative(ROOT, file));
    assert.deepEqual(missing, [], `files without a module header:\n${missing.join("\n")}`);
  });
});
