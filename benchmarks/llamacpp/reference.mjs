// llama.cpp reference data and speed figures, produced through node-llama-cpp on the CPU.
// Usage: node reference.mjs <info|tokenize|greedy|bench> [options]   (see USAGE below)
// node-llama-cpp is loaded from --modules DIR, $SCHEMAGATE_LLAMACPP_MODULES, or the folder
// scripts/install-llamacpp.sh installs into.

import {spawnSync} from "node:child_process";
import {readFileSync, writeFileSync, renameSync, openSync, readSync, closeSync, accessSync, constants} from "node:fs";
import {basename, join} from "node:path";
import {homedir} from "node:os";
import {pathToFileURL} from "node:url";

const USAGE = `usage:
  reference.mjs info     [--threads N]
  reference.mjs tokenize --model P --strings FILE --out F
  reference.mjs greedy   --model P --prompts FILE --tokens 64 --threads N --out F
  reference.mjs bench    --model P --threads N --prompt-tokens 512 --gen-tokens 128 --reps 3 --out F
                         [--batch 8] [--flash-attention auto|on|off]
common: [--modules NODE_MODULES_DIR]`;

const TOP_K = 5;

function fail(message) {
  console.error(`reference.mjs: ${message}`);
  process.exit(2);
}

function parseArgs(argv) {
  const [command, ...rest] = argv;
  if (!command || command.startsWith("-")) fail(`missing subcommand\n${USAGE}`);
  const options = {};
  for (let i = 0; i < rest.length; i += 2) {
    const flag = rest[i];
    if (!flag.startsWith("--")) fail(`unexpected argument '${flag}'\n${USAGE}`);
    if (i + 1 >= rest.length) fail(`option ${flag} needs a value`);
    options[flag.slice(2)] = rest[i + 1];
  }
  return {command, options};
}

function required(options, name) {
  const value = options[name];
  if (value === undefined) fail(`missing --${name}`);
  return value;
}

function positiveInt(options, name, fallback) {
  const raw = options[name] ?? (fallback === undefined ? required(options, name) : String(fallback));
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) fail(`--${name} must be a positive integer, got '${raw}'`);
  return value;
}

function readJsonList(path, key) {
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    fail(`cannot read ${path}: ${e.message}`);
  }
  const list = parsed?.[key];
  if (!Array.isArray(list) || list.some(s => typeof s !== "string")) {
    fail(`${path} must be a JSON object whose "${key}" is an array of strings`);
  }
  return list;
}

function writeJson(path, value) {
  // Written aside and renamed, so a reader never sees a half-written reference.
  writeFileSync(`${path}.part`, JSON.stringify(value) + "\n");
  renameSync(`${path}.part`, path);
}

async function loadBindings(options) {
  const cache = process.env.SCHEMAGATE_CACHE ?? join(homedir(), ".cache", "schemagate");
  const modules = options.modules ?? process.env.SCHEMAGATE_LLAMACPP_MODULES ?? join(cache, "llamacpp", "node_modules");
  const entry = join(modules, "node-llama-cpp", "dist", "index.js");
  try {
    return {lib: await import(pathToFileURL(entry).href), modules};
  } catch (e) {
    fail(`cannot load node-llama-cpp from ${modules} (run scripts/install-llamacpp.sh): ${e.message}`);
  }
}

// The packaged llama.cpp source bundle names the exact commit the prebuilt binaries were built from.
function llamaCppCommit(modules) {
  const bundle = join(modules, "node-llama-cpp", "llama", "gitRelease.bundle");
  try {
    const fd = openSync(bundle, "r");
    const head = Buffer.alloc(200);
    readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
    return /\n([0-9a-f]{40}) /.exec(head.toString("latin1"))?.[1] ?? null;
  } catch {
    return null;
  }
}

async function openLlama(bindings, threads) {
  const loadedBackends = [];
  const llama = await bindings.lib.getLlama({
    gpu: false,
    build: "never",
    progressLogs: false,
    maxThreads: threads,
    logLevel: bindings.lib.LlamaLogLevel.debug,
    logger: (level, message) => {
      if (message.includes("loaded CPU backend")) loadedBackends.push(message.trim());
      else if (level === "error" || level === "fatal") console.error(`llama.cpp: ${message.trim()}`);
    }
  });
  if (llama.buildType !== "prebuilt") fail(`expected the prebuilt llama.cpp binary, got build type '${llama.buildType}'`);
  return {llama, loadedBackends};
}

function versionOf(llama, modules) {
  const commit = llamaCppCommit(modules);
  const release = `${llama.llamaCppRelease.repo}@${llama.llamaCppRelease.release}`;
  return commit ? `${release} (${commit.slice(0, 12)})` : release;
}

async function loadModel(llama, modelPath, vocabOnly = false) {
  try {
    accessSync(modelPath, constants.R_OK);
  } catch (e) {
    fail(`cannot read model ${modelPath}: ${e.message}`);
  }
  return llama.loadModel({modelPath, gpuLayers: 0, vocabOnly});
}

async function tokenizeCommand(bindings, options) {
  const modelPath = required(options, "model");
  const strings = readJsonList(required(options, "strings"), "strings");
  const out = required(options, "out");
  const {llama} = await openLlama(bindings, 1);
  const model = await loadModel(llama, modelPath, true);
  const cases = strings.map(text => ({text, ids: model.tokenize(text, true)}));
  writeJson(out, {model: basename(modelPath), llamacpp_version: versionOf(llama, bindings.modules), cases});
  const total = cases.reduce((n, c) => n + c.ids.length, 0);
  console.error(`tokenize: ${cases.length} strings, ${total} tokens -> ${out}`);
  await model.dispose();
  await llama.dispose();
}

// Greedy sampling with every penalty, bias and grammar left out, so the returned logits are the model's raw ones.
const GREEDY_STEP = {
  generateNext: {
    token: true,
    logits: {filter: {includeTop: TOP_K, includeSelected: true}},
    options: {temperature: 0}
  }
};

function stepResult(output) {
  const next = output?.next;
  if (next?.token == null || next.logits == null) throw new Error("llama.cpp returned no token for a greedy step");
  const top = [...next.logits.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP_K);
  return {token: next.token, logit: next.logits.get(next.token), top};
}

async function greedyCommand(bindings, options) {
  const modelPath = required(options, "model");
  const prompts = readJsonList(required(options, "prompts"), "prompts");
  const steps = positiveInt(options, "tokens", 64);
  const threads = positiveInt(options, "threads", 2);
  const out = required(options, "out");
  const {llama} = await openLlama(bindings, threads);
  const model = await loadModel(llama, modelPath);
  const encoded = prompts.map(text => {
    const ids = model.tokenize(text, true);
    // Follows the model's add_bos_token metadata (false for SmolLM2).
    return model.tokens.shouldPrependBosToken ? [model.tokens.bos, ...ids] : ids;
  });
  const longest = Math.max(...encoded.map(ids => ids.length));
  if (encoded.some(ids => ids.length === 0)) fail("every prompt must encode to at least one token");
  const contextSize = longest + steps + 8;
  const context = await model.createContext({contextSize, batchSize: Math.max(longest, 8), threads, sequences: 1});
  const sequence = context.getSequence();
  const results = [];
  for (let p = 0; p < prompts.length; p++) {
    await sequence.clearHistory();
    const input = encoded[p].map((id, i, all) => (i === all.length - 1 ? [id, GREEDY_STEP] : id));
    const tokens = [];
    const logits = [];
    const top5 = [];
    for (let step = 0; step < steps; step++) {
      const outputs = await sequence.controlledEvaluate(input);
      const {token, logit, top} = stepResult(outputs[input.length - 1]);
      tokens.push(token);
      logits.push(logit);
      top5.push(top);
      // The chosen token is fed back even when it ends generation, as the task is a fixed-length logit trace.
      input.length = 0;
      input.push([token, GREEDY_STEP]);
    }
    results.push({text: prompts[p], prompt_ids: encoded[p], tokens, logits, top5});
    const preview = JSON.stringify(model.detokenize(tokens.slice(0, 12))).slice(0, 60);
    console.error(`greedy: ${JSON.stringify(prompts[p]).slice(0, 40)} -> ${preview} (first logit ${logits[0].toFixed(4)})`);
  }
  writeJson(out, {model: basename(modelPath), llamacpp_version: versionOf(llama, bindings.modules), threads, prompts: results});
  console.error(`greedy: ${prompts.length} prompts x ${steps} tokens -> ${out}`);
  await context.dispose();
  await model.dispose();
  await llama.dispose();
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function flashAttentionOption(raw) {
  const choices = {auto: "auto", on: true, off: false};
  if (!(raw in choices)) fail(`--flash-attention must be auto, on or off, got '${raw}'`);
  return choices[raw];
}

// One llama-bench style repetition: a prefill of promptTokens in one batch, then, from an empty sequence
// again, genTokens single-token decode steps. Both phases compute the output logits like a real decode.
async function benchOnce(sequence, promptTokens, genTokens, fillerIds) {
  const prompt = Array.from({length: promptTokens}, (_, i) => fillerIds[i % fillerIds.length]);
  await sequence.clearHistory();
  const prefillStart = process.hrtime.bigint();
  const prefill = sequence.evaluate(prompt, {temperature: 0, yieldEogToken: true});
  await prefill.next();
  const prefillNs = Number(process.hrtime.bigint() - prefillStart);
  await prefill.return();

  await sequence.clearHistory();
  const decode = sequence.evaluate([fillerIds[0]], {temperature: 0, yieldEogToken: true});
  const genStart = process.hrtime.bigint();
  for (let i = 0; i < genTokens; i++) {
    const {done} = await decode.next();
    if (done) throw new Error(`decode loop ended after ${i} tokens`);
  }
  const genNs = Number(process.hrtime.bigint() - genStart);
  await decode.return();
  return {prefillTps: promptTokens / (prefillNs / 1e9), genTps: genTokens / (genNs / 1e9)};
}

// Aggregate generation speed of `width` sequences of one context decoding genTokens steps together: each step
// asks every sequence for its next token at once, and node-llama-cpp's batching puts those rows into one decode.
async function batchedGenOnce(sequences, genTokens, fillerIds) {
  for (const sequence of sequences) await sequence.clearHistory();
  const decodes = sequences.map((sequence, s) =>
    sequence.evaluate([fillerIds[s % fillerIds.length]], {temperature: 0, yieldEogToken: true}));
  const start = process.hrtime.bigint();
  for (let i = 0; i < genTokens; i++) {
    const steps = await Promise.all(decodes.map(decode => decode.next()));
    if (steps.some(step => step.done)) throw new Error(`batched decode loop ended after ${i} tokens`);
  }
  const ns = Number(process.hrtime.bigint() - start);
  await Promise.all(decodes.map(decode => decode.return()));
  return sequences.length * genTokens / (ns / 1e9);
}

async function benchCommand(bindings, options) {
  const modelPath = required(options, "model");
  const threads = positiveInt(options, "threads");
  const promptTokens = positiveInt(options, "prompt-tokens", 512);
  const genTokens = positiveInt(options, "gen-tokens", 128);
  const reps = positiveInt(options, "reps", 3);
  const flashAttention = flashAttentionOption(options["flash-attention"] ?? "auto");
  const width = positiveInt(options, "batch", 8);
  const out = required(options, "out");
  const {llama, loadedBackends} = await openLlama(bindings, threads);
  const model = await loadModel(llama, modelPath);
  const context = await model.createContext({
    contextSize: promptTokens + genTokens + 16,
    batchSize: Math.max(promptTokens, 512),
    threads,
    sequences: 1,
    flashAttention
  });
  const sequence = context.getSequence();
  // Any fixed ordinary text serves as prompt; llama-bench itself uses arbitrary token ids.
  const fillerIds = model.tokenize("The quick brown fox jumps over the lazy dog while the river runs to the sea. ");
  await benchOnce(sequence, promptTokens, genTokens, fillerIds);
  const runs = [];
  for (let r = 0; r < reps; r++) runs.push(await benchOnce(sequence, promptTokens, genTokens, fillerIds));
  await context.dispose();
  // node-llama-cpp gives each sequence contextSize / sequences cells.
  const batchContext = await model.createContext({
    contextSize: width * (genTokens + 16), batchSize: 512, threads, sequences: width, flashAttention
  });
  const sequences = Array.from({length: width}, () => batchContext.getSequence());
  await batchedGenOnce(sequences, genTokens, fillerIds);
  const batchRuns = [];
  for (let r = 0; r < reps; r++) batchRuns.push(await batchedGenOnce(sequences, genTokens, fillerIds));
  await batchContext.dispose();
  const report = {
    threads,
    prompt_tokens: promptTokens,
    gen_tokens: genTokens,
    flash_attention: context.flashAttention,
    batch_size: context.batchSize,
    omp_wait_policy: process.env.OMP_WAIT_POLICY ?? "default",
    cpu_backend: loadedBackends[0] ?? null,
    prefill_tps: median(runs.map(r => r.prefillTps)),
    gen_tps: median(runs.map(r => r.genTps)),
    prefill_tps_runs: runs.map(r => r.prefillTps),
    gen_tps_runs: runs.map(r => r.genTps),
    batch: width,
    batch_gen_tps: median(batchRuns),
    batch_gen_tps_runs: batchRuns,
    llamacpp_version: versionOf(llama, bindings.modules)
  };
  writeJson(out, report);
  console.error(`bench: ${threads} threads, pp${promptTokens} ${report.prefill_tps.toFixed(1)} tok/s, `
    + `tg${genTokens} ${report.gen_tps.toFixed(1)} tok/s, ${width} sequences ${report.batch_gen_tps.toFixed(1)} tok/s `
    + `(median of ${reps}) -> ${out}`);
  await model.dispose();
  await llama.dispose();
}

async function infoCommand(bindings, options) {
  const {llama, loadedBackends} = await openLlama(bindings, positiveInt(options, "threads", 1));
  // llama.cpp's log lines reach the JS logger asynchronously.
  await new Promise(resolve => setTimeout(resolve, 100));
  console.error(`llama.cpp ${versionOf(llama, bindings.modules)}, build ${llama.buildType}, `
    + `${loadedBackends[0] ?? "no CPU backend reported"}`);
  await llama.dispose();
}

// One libuv worker: each pool thread would start its own OpenMP team and halve decode speed on 2 cores.
// libuv has started its pool before this line runs (loading this file used it), so a change needs a new process.
if (process.env.UV_THREADPOOL_SIZE !== "1") {
  const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)],
    {stdio: "inherit", env: {...process.env, UV_THREADPOOL_SIZE: "1"}});
  process.exit(child.status ?? 1);
}

const {command, options} = parseArgs(process.argv.slice(2));
const commands = {info: infoCommand, tokenize: tokenizeCommand, greedy: greedyCommand, bench: benchCommand};
if (!(command in commands)) fail(`unknown subcommand '${command}'\n${USAGE}`);
const bindings = await loadBindings(options);
await commands[command](bindings, options);
