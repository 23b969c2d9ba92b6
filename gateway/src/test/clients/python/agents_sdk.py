"""The OpenAI Agents SDK (PyPI openai-agents) against a schemagate server: an agent with two function tools, run by
the SDK's Runner through the Responses API, unchanged (full history, streamed, and chained by previous_response_id).

Usage: python agents_sdk.py BASE_URL MODEL   (BASE_URL like http://127.0.0.1:8000/v1)
Prints one JSON summary line; exits 1 when any check failed.
"""

import asyncio
import importlib.metadata
import json
from typing import Annotated, Literal

import jsonschema
import openai
from agents import Agent, ModelSettings, OpenAIResponsesModel, Runner, function_tool, set_tracing_disabled
from openai import AsyncOpenAI
from pydantic import Field

from client_checks import Checks, api_key, require, server

CITIES = ("paris", "tokyo", "lima")
CURRENCIES = ("usd", "eur", "jpy")
# The tiny model rambles less after a tool result when told to be brief; a rambling answer that hits max_tokens
# ends the response incomplete, which the SDK raises as an error.
INSTRUCTIONS = "Call a tool, then answer in one short sentence."
MAX_TURNS = 6


class Invocations:
    """What the tools were really called with; each tool checks its own arguments again, so an out-of-range value
    the SDK let through would fail the run rather than be answered."""

    def __init__(self):
        self.calls = []

    def tools(self):
        @function_tool(failure_error_function=None)
        def get_forecast(city: Literal["paris", "tokyo", "lima"], days: Annotated[int, Field(ge=1, le=7)]) -> str:
            """The weather forecast for a city over the next days."""
            require(city in CITIES and isinstance(days, int) and 1 <= days <= 7, f"get_forecast({city!r}, {days!r})")
            self.calls.append({"name": "get_forecast", "arguments": {"city": city, "days": days}})
            return f"{city}: sunny for {days} days"

        @function_tool(failure_error_function=None)
        def convert_currency(amount: Annotated[int, Field(ge=0, le=10000)], currency: Literal["usd", "eur", "jpy"]) -> str:
            """Converts an amount of euros into another currency."""
            require(currency in CURRENCIES and isinstance(amount, int) and 0 <= amount <= 10000,
                    f"convert_currency({amount!r}, {currency!r})")
            self.calls.append({"name": "convert_currency", "arguments": {"amount": amount, "currency": currency}})
            return f"{amount} eur = {amount * 2} {currency}"

        return [get_forecast, convert_currency]


def agent_for(base_url, model, invocations):
    # The SDK sets tool_choice back to auto after a tool call, so "required" forces the first turn only.
    client = AsyncOpenAI(base_url=base_url, api_key=api_key(), max_retries=0, timeout=600)
    return Agent(name="helper", instructions=INSTRUCTIONS, tools=invocations.tools(),
                 model=OpenAIResponsesModel(model=model, openai_client=client),
                 model_settings=ModelSettings(tool_choice="required", temperature=0, max_tokens=200))


def check_run(result, agent, invocations):
    """A tool really ran, every function_call the server returned validates against the schema the SDK sent for that
    tool, each call got its output back, and the run ended with a text answer."""
    require(invocations.calls, "no tool was invoked")
    schemas = {tool.name: tool.params_json_schema for tool in agent.tools}
    first = [item for item in result.raw_responses[0].output if item.type == "function_call"]
    require(first, f"tool_choice required, yet the first response made no call: {result.raw_responses[0].output!r}")
    calls = [item for r in result.raw_responses for item in r.output if item.type == "function_call"]
    for call in calls:
        require(call.name in schemas, f"call to {call.name!r}, not among {sorted(schemas)}")
        errors = [e.message for e in jsonschema.Draft202012Validator(schemas[call.name]).iter_errors(json.loads(call.arguments))]
        require(not errors, f"{call.name}({call.arguments}) breaks the tool's schema: {errors}")
    require(len(calls) == len(invocations.calls), f"{len(calls)} calls returned, {len(invocations.calls)} tools invoked")
    outputs = [item for item in result.new_items if item.type == "tool_call_output_item"]
    require(len(outputs) == len(calls), f"{len(outputs)} tool outputs for {len(calls)} calls")
    require(isinstance(result.final_output, str) and result.final_output.strip(), f"final output {result.final_output!r}")
    return {"invocations": invocations.calls, "responses": len(result.raw_responses), "final_output": result.final_output}


def main():
    base_url, model = server()
    set_tracing_disabled(True)
    checks = Checks("openai-agents", {"openai-agents": importlib.metadata.version("openai-agents"),
                                      "openai": openai.__version__})

    async def run():
        invocations = Invocations()
        agent = agent_for(base_url, model, invocations)
        result = await Runner.run(agent, "What is the weather in Paris for the next 3 days?", max_turns=MAX_TURNS)
        return check_run(result, agent, invocations)

    async def run_streamed():
        invocations = Invocations()
        agent = agent_for(base_url, model, invocations)
        result = Runner.run_streamed(agent, "How much is 20 euros in yen?", max_turns=MAX_TURNS)
        raw, named = [], []
        async for event in result.stream_events():
            if event.type == "raw_response_event":
                raw.append(event.data.type)
            elif event.type == "run_item_stream_event":
                named.append(event.name)
        require("response.function_call_arguments.done" in raw, f"no function_call_arguments.done among {sorted(set(raw))}")
        require("response.output_text.delta" in raw, f"no output_text.delta among {sorted(set(raw))}")
        require("tool_called" in named and "tool_output" in named, f"run item events {named}")
        return {**check_run(result, agent, invocations), "run_item_events": named}

    async def run_chained():
        # The SDK sends only the new items each turn and lets the server keep the conversation.
        invocations = Invocations()
        agent = agent_for(base_url, model, invocations)
        result = await Runner.run(agent, "How much is 20 euros in yen?", max_turns=MAX_TURNS, auto_previous_response_id=True)
        ids = [r.response_id for r in result.raw_responses]
        require(len(ids) >= 2 and all(ids), f"response ids {ids}")
        client = AsyncOpenAI(base_url=base_url, api_key=api_key(), max_retries=0, timeout=600)
        for previous, response_id in zip(ids, ids[1:]):
            stored = await client.responses.retrieve(response_id)
            require(stored.previous_response_id == previous, f"{response_id} continues {stored.previous_response_id!r}, not {previous}")
        return {**check_run(result, agent, invocations), "response_ids": ids}

    checks.run("run", lambda: asyncio.run(run()))
    checks.run("run_streamed", lambda: asyncio.run(run_streamed()))
    checks.run("run_chained", lambda: asyncio.run(run_chained()))
    checks.finish()


if __name__ == "__main__":
    main()
