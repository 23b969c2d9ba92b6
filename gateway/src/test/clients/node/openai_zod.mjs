// The official openai npm SDK with zod against a schemagate server: zodResponseFormat + chat.completions.parse,
// a strict zodFunction tool, and a streamed structured output.
// Usage: node openai_zod.mjs BASE_URL MODEL   (or SCHEMAGATE_BASE_URL, SCHEMAGATE_MODEL; BASE_URL ends in /v1)
// The packages come from scripts/install-clients.sh: $SCHEMAGATE_CLIENTS/node/node_modules, by default in the cache.
// Prints one JSON summary line; exits 1 when any check failed.
import {readFileSync} from "node:fs";
import {createRequire} from "node:module";
import {homedir} from "node:os";
import {basename, join} from "node:path";
import {isDeepStrictEqual} from "node:util";

const [baseURL = process.env.SCHEMAGATE_BASE_URL, model = process.env.SCHEMAGATE_MODEL] = process.argv.slice(2);
if (!baseURL || !model) {
  console.error(`usage: ${basename(process.argv[1])} BASE_URL MODEL (or SCHEMAGATE_BASE_URL, SCHEMAGATE_MODEL)`);
  process.exit(2);
}
const clients = process.env.SCHEMAGATE_CLIENTS
  ?? join(process.env.SCHEMAGATE_CACHE ?? join(homedir(), ".cache", "schemagate"), "clients");
// The packages live in the cache, not next to this file, so they are resolved from there.
const load = createRequire(join(clients, "node", "package.json"));
const versionOf = (name) => JSON.parse(readFileSync(join(clients, "node", "node_modules", name, "package.json"), "utf8")).version;
const {OpenAI} = load("openai");
const {zodResponseFormat, zodFunction} = load("openai/helpers/zod");
const {z} = load("zod");

const Pet = z.object({
  name: z.string().max(20),
  species: z.enum(["cat", "dog", "bird"]),
  age: z.number().int().min(0).max(30),
});
const GetWeather = z.object({city: z.string().max(20), unit: z.enum(["celsius", "fahrenheit"])});
const PET_PROMPT = [{role: "user", content: "Invent a pet with a name, a species and an age."}];

class CheckFailed extends Error {}

function expect(condition, message) {
  if (!condition) throw new CheckFailed(message);
}

function checkPet(parsed) {
  const result = Pet.safeParse(parsed);
  expect(result.success, `parsed ${JSON.stringify(parsed)} breaks the schema: ${result.error?.message}`);
}

const client = new OpenAI({baseURL, apiKey: process.env.SCHEMAGATE_API_KEY ?? "unused", maxRetries: 0, timeout: 600_000});

const checks = {
  async parse_zod() {
    const completion = await client.chat.completions.parse({
      model, messages: PET_PROMPT, response_format: zodResponseFormat(Pet, "pet"), temperature: 0, max_tokens: 100,
    });
    const choice = completion.choices[0];
    expect(choice.finish_reason === "stop", `finish_reason ${choice.finish_reason}`);
    checkPet(choice.message.parsed);
    // Compared as values: members come in the model's order, and zod rebuilds the object in the schema's.
    expect(isDeepStrictEqual(JSON.parse(choice.message.content), choice.message.parsed),
      `content ${choice.message.content} and parsed ${JSON.stringify(choice.message.parsed)} differ`);
    const usage = completion.usage;
    expect(usage.total_tokens === usage.prompt_tokens + usage.completion_tokens && usage.completion_tokens > 0,
      `usage ${JSON.stringify(usage)}`);
    return {parsed: choice.message.parsed};
  },

  async tool_required_zod() {
    const completion = await client.chat.completions.parse({
      model, messages: [{role: "user", content: "What is the weather in Paris?"}],
      tools: [zodFunction({name: "get_weather", parameters: GetWeather, description: "The current weather in a city."})],
      tool_choice: "required", temperature: 0, max_tokens: 200,
    });
    const choice = completion.choices[0];
    expect(choice.finish_reason === "tool_calls", `finish_reason ${choice.finish_reason}`);
    const calls = choice.message.tool_calls ?? [];
    expect(calls.length > 0, "no tool calls");
    for (const call of calls) {
      expect(call.id && call.type === "function" && call.function.name === "get_weather", `call ${JSON.stringify(call)}`);
      const result = GetWeather.safeParse(call.function.parsed_arguments);
      expect(result.success, `arguments ${call.function.arguments} break the schema`);
    }
    return {calls: calls.map((c) => ({name: c.function.name, arguments: c.function.parsed_arguments}))};
  },

  async stream_zod() {
    let deltas = 0;
    const stream = client.chat.completions.stream({
      model, messages: PET_PROMPT, response_format: zodResponseFormat(Pet, "pet"), temperature: 0, max_tokens: 100,
    });
    stream.on("content.delta", () => deltas++);
    const completion = await stream.finalChatCompletion();
    const choice = completion.choices[0];
    expect(deltas >= 2, `${deltas} content delta(s)`);
    expect(choice.finish_reason === "stop", `finish_reason ${choice.finish_reason}`);
    checkPet(choice.message.parsed);
    return {deltas, parsed: choice.message.parsed};
  },
};

const summary = {
  client: "openai-node",
  versions: {openai: versionOf("openai"), zod: versionOf("zod")},
  checks: {},
};
for (const [name, check] of Object.entries(checks)) {
  try {
    summary.checks[name] = {ok: true, ...await check()};
  } catch (e) {
    console.error(e);
    summary.checks[name] = {ok: false, error: `${e.constructor.name}: ${e.message}`};
  }
}
const failed = Object.values(summary.checks).filter((c) => !c.ok).length;
summary.passed = Object.keys(summary.checks).length - failed;
summary.failed = failed;
console.log(JSON.stringify(summary));
process.exit(failed ? 1 : 0);
