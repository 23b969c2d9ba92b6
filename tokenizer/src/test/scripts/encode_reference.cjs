// Encodes every string of a corpus with @lenml/tokenizers (add_special_tokens=false) and writes the ids.
// Usage: node encode_reference.cjs TOKENIZER_DIR CORPUS.json KEY OUTPUT.json   (NODE_PATH points at node_modules)
"use strict";
const fs = require("fs");
const path = require("path");
const { TokenizerLoader } = require("@lenml/tokenizers");

const [tokenizerDir, corpusPath, key, outputPath] = process.argv.slice(2);
const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
const configPath = path.join(tokenizerDir, "tokenizer_config.json");
const tokenizer = TokenizerLoader.fromPreTrained({
  tokenizerJSON: readJson(path.join(tokenizerDir, "tokenizer.json")),
  tokenizerConfig: fs.existsSync(configPath) ? readJson(configPath) : {},
});

const cases = readJson(corpusPath).map(({ kind, text }) => ({
  kind,
  text,
  ids: tokenizer.encode(text, { add_special_tokens: false }),
}));
fs.writeFileSync(outputPath, JSON.stringify({ key, cases }));
