#!/usr/bin/env node
// Validates GitHub Actions workflow files offline with GitHub's own parser and workflow schema
// (@actions/workflow-parser, the package behind the Actions language service): the YAML is read
// against workflow-v1.0 and then converted as the Actions service would, so unknown keys,
// permissions, misspelt contexts in expressions and broken job graphs are all errors.
//
//   node validate-workflow.mjs <workflow.yaml>...
//
// Prints one line per error (file: message) and exits 1 if there was any, 2 on bad usage.
import { readFileSync } from "node:fs";
import { register } from "node:module";

// The package imports its schema JSON without an import attribute (it is built for bundlers), which
// Node refuses; this hook serves those .json files as modules that export the parsed document.
register(
  "data:text/javascript," +
    encodeURIComponent(`
      import { readFileSync } from "node:fs";
      import { fileURLToPath } from "node:url";
      export async function load(url, context, next) {
        if (url.startsWith("file:") && url.endsWith(".json") && !context.importAttributes?.type) {
          const json = readFileSync(fileURLToPath(url), "utf8");
          return { format: "module", source: "export default " + json + ";", shortCircuit: true };
        }
        return next(url, context);
      }`),
);
const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await import("@actions/workflow-parser");

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: validate-workflow.mjs <workflow.yaml>...");
  process.exit(2);
}

let failed = false;
for (const name of files) {
  const parsed = parseWorkflow({ name, content: readFileSync(name, "utf8") }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (parsed.value !== undefined && errors.length === 0) {
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    errors.push(...(template.errors ?? []).map((e) => e.Message ?? e.message ?? String(e)));
  }
  if (parsed.value === undefined && errors.length === 0) {
    errors.push("no workflow could be read");
  }
  for (const message of errors) {
    console.log(message.startsWith(name) ? message : `${name}: ${message}`);
  }
  if (errors.length === 0) {
    console.log(`${name}: valid`);
  }
  failed ||= errors.length > 0;
}
process.exit(failed ? 1 : 0);
