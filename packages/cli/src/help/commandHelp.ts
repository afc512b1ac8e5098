/** The exit-status contract, shared by every help page and the CLI README. */
export const EXIT_CODES = `Exit status:
  0  a result was written (or help was printed)
  2  bad input: flags, files, shapes, targets, methods; one line on stderr: "glassbox: error [CODE]: message"
  1  an internal failure (a bug or the machine): "glassbox: error: message (run with --debug for details)"`;

const EXPLAIN = `glassbox explain — explain a model's outputs for a batch of inputs

Usage:
  glassbox explain --model <model.json> --input <inputs.json | pictures> --method <id> [flags] [method options]
  glassbox explain --model <model.json> --data <data.csv> --method <id> [flags] [method options]
  glassbox explain --method <id> --help        the method's options and their defaults

Inputs (one of):
  --input <inputs.json>       nested number array [batch, ...inputShape], or {"inputs": [...], "targets": [...]}
  --input <pictures>          PNG/JPEG files separated by commas (a.jpg,b.png) or a folder (its .png/.jpg/.jpeg
                              files in name order); decoded, preprocessed as below, and recorded in the
                              result's "preprocessing" field
  --data <data.csv>           header row naming the features, then numeric rows
  --rows <i,j,...>            only these data rows (0-based); --label-column <name|index> a text column to skip

Pictures (applied in this order; defaults follow the model's input):
  --channels rgb|bgr|gray     channel order (default: gray for 1-channel models, else rgb; gray is BT.601 luma)
  --resize <H,W>              resize to H×W, bilinear, antialiased when shrinking (default: the model's
                              height and width when the pictures differ from it)
  --scale <number | a/b>      multiply the 0–255 values (default 1/255: values in [0, 1])
  --normalize <mean,std>      (x − mean) / std after scaling; per channel: m1,m2,m3/s1,s2,s3

Targets and names:
  --target <i> | --targets <i,j,...>   output index to explain (default: each example's top output)
  --labels <json | file>      class names, one per output: '["cat","dog"]', a .json array, or a text file with
                              one name per line; shown in the JSON, PNG, SVG and HTML outputs

Compute:
  --backend <name>            cpu (default), wasm, webgpu or native
  --fallback <a,b>            backends to try, in order, when --backend cannot start
  --seed <n>                  seed of every random draw (default 0)
  --memory-budget-mb <n>      memory an explainer may plan its chunks for

Output:
  --out <file>                .json (default: JSON on stdout), .npy (NumPy float32), .png, .svg or .html; for pictures, PNG and HTML
                              draw the heatmaps over the original photos
  --example <i>               the example a .png/.svg shows (default 0; every photo for picture inputs)
  --image-shape <h,w[,c]>     how to view flat inputs as images in pictures
  --allow-non-finite          write results that hold NaN or Infinity (otherwise NON_FINITE_RESULT, exit 2)
  --timings                   print the wall time of each phase (process start, plugins, backend, model,
                              inputs, explain, write) to stderr
  --debug                     print the stack trace of an internal error

Examples:
  glassbox explain --model mobilenet/model.json --input photos --method grad-cam --labels labels.txt --out cam.png
  glassbox explain --model mnist/model.json --input digits.json --method integrated-gradients --steps 32 --target 3

${EXIT_CODES}`;

const COMMANDS: Record<string, string> = {
  explain: EXPLAIN,
  methods: `glassbox methods — list the installed explainer plugins, their requirements and options

Usage:
  glassbox methods [--json]

Methods come from the CLI's own plugins and from the ones your project chose: glassbox.config.{js,mjs,json}
("plugins"), else the dependencies in your nearest package.json that have a "glassbox" manifest.
Details of one method: glassbox explain --method <id> --help

${EXIT_CODES}`,
  backends: `glassbox backends — list the registered compute backends and their priorities

Usage:
  glassbox backends

${EXIT_CODES}`,
  evaluate: `glassbox evaluate — compute metrics of a saved explanation against its model

Usage:
  glassbox evaluate --model <model.json> --explanation <result.json> --metrics <a,b,...> [--out <file.json>]
                    [--<metric>.<option> <value>] [--seed <n>] [--backend <name>] [--fallback <a,b>]

Metrics: completeness, deletion, insertion, infidelity, max-sensitivity, randomization.
Metric options are written --<metric>.<option>, e.g. --deletion.steps 10.

${EXIT_CODES}`,
  report: `glassbox report — one self-contained HTML page (no scripts, no network) for saved explanations

Usage:
  glassbox report <result.json>... --out <report.html> [--title <text>] [--image-shape <h,w>]

${EXIT_CODES}`,
};

/** The help page of `command` (`explain`, `methods`, `backends`, `evaluate`, `report`), or undefined. */
export function commandHelp(command: string): string | undefined {
  return Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
}

/** Names of the commands that have a help page. */
export const HELP_COMMANDS = Object.keys(COMMANDS);
