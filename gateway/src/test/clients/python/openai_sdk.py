"""The official openai Python SDK against a schemagate server: Pydantic structured outputs, strict tools, streaming.

Usage: python openai_sdk.py BASE_URL MODEL   (BASE_URL like http://127.0.0.1:8000/v1)
Prints one JSON summary line; exits 1 when any check failed.
"""

import enum
import json
from typing import Literal

import openai
import pydantic
from openai import OpenAI
from pydantic import BaseModel, Field

from client_checks import Checks, api_key, require, server


class Role(str, enum.Enum):
    # An Enum, not a Literal, so the schema the SDK sends holds a $ref into $defs, as real models' schemas do.
    ADMIN = "admin"
    USER = "user"
    GUEST = "guest"


class Person(BaseModel):
    name: str = Field(max_length=20)
    age: int = Field(ge=0, le=120)
    role: Role


class GetWeather(BaseModel):
    """The current weather in a city."""

    city: str = Field(max_length=20)
    unit: Literal["celsius", "fahrenheit"]


class GetTime(BaseModel):
    """The current time in a time zone."""

    zone: str = Field(max_length=12)


TOOLS = [openai.pydantic_function_tool(GetWeather, name="get_weather"),
         openai.pydantic_function_tool(GetTime, name="get_time")]
TOOL_MODELS = {"get_weather": GetWeather, "get_time": GetTime}
PERSON_PROMPT = [{"role": "user", "content": "Invent a person with a name, an age and a role."}]
WEATHER_PROMPT = [{"role": "user", "content": "What is the weather in Paris?"}]


def check_person(person):
    require(isinstance(person, Person), f"parsed is {type(person).__name__}, not Person")
    require(len(person.name) <= 20 and 0 <= person.age <= 120, f"parsed person breaks the schema: {person!r}")


def check_calls(message, names, parsed_by_sdk=True):
    """Every tool call has an id, a known name and arguments that validate against that tool's model (and, from
    parse(), the SDK's own parsed copy of them)."""
    require(message.tool_calls, f"no tool calls in {message!r}")
    for call in message.tool_calls:
        require(call.id, f"tool call without an id: {call!r}")
        require(call.type == "function", f"tool call of type {call.type!r}")
        require(call.function.name in names, f"call to {call.function.name!r}, expected one of {sorted(names)}")
        arguments = TOOL_MODELS[call.function.name].model_validate_json(call.function.arguments)
        if parsed_by_sdk:
            require(call.function.parsed_arguments == arguments,
                    f"the SDK parsed {call.function.arguments!r} to {call.function.parsed_arguments!r}")
    return [{"name": c.function.name, "arguments": json.loads(c.function.arguments)} for c in message.tool_calls]


def main():
    base_url, model = server()
    client = OpenAI(base_url=base_url, api_key=api_key(), max_retries=0, timeout=600)
    checks = Checks("openai-python", {"openai": openai.__version__, "pydantic": pydantic.__version__})

    def listed_model():
        ids = [m.id for m in client.models.list()]
        require(model in ids, f"{model} not in /v1/models: {ids}")

    def parse_pydantic():
        completion = client.chat.completions.parse(model=model, messages=PERSON_PROMPT, response_format=Person,
                                                   temperature=0, max_tokens=100)
        choice = completion.choices[0]
        require(choice.finish_reason == "stop", f"finish_reason {choice.finish_reason!r}")
        check_person(choice.message.parsed)
        require(json.loads(choice.message.content) == choice.message.parsed.model_dump(mode="json"),
                "content and parsed object differ")
        usage = completion.usage
        require(0 < usage.completion_tokens <= 100 and usage.total_tokens == usage.prompt_tokens + usage.completion_tokens,
                f"usage {usage!r}")
        return {"parsed": choice.message.parsed.model_dump(mode="json")}

    def tools_required():
        completion = client.chat.completions.parse(model=model, messages=WEATHER_PROMPT, tools=TOOLS,
                                                   tool_choice="required", temperature=0, max_tokens=200)
        choice = completion.choices[0]
        require(choice.finish_reason == "tool_calls", f"finish_reason {choice.finish_reason!r}")
        return {"calls": check_calls(choice.message, TOOL_MODELS.keys())}

    def tools_named_single():
        completion = client.chat.completions.parse(model=model, messages=WEATHER_PROMPT, tools=TOOLS,
                                                   tool_choice={"type": "function", "function": {"name": "get_time"}},
                                                   parallel_tool_calls=False, temperature=0, max_tokens=100)
        choice = completion.choices[0]
        require(choice.finish_reason == "tool_calls", f"finish_reason {choice.finish_reason!r}")
        require(len(choice.message.tool_calls or []) == 1, f"parallel_tool_calls false, yet {choice.message.tool_calls!r}")
        return {"calls": check_calls(choice.message, {"get_time"})}

    def tools_auto():
        # Either answer is right under auto; a call, if the model makes one, must still be schema-valid. create(), not
        # parse(): parse() refuses any answer cut by max_tokens, and a long text answer is a right one here.
        completion = client.chat.completions.create(model=model, messages=WEATHER_PROMPT, tools=TOOLS, tool_choice="auto",
                                                    temperature=0, max_tokens=60)
        choice = completion.choices[0]
        if choice.message.tool_calls:
            require(choice.finish_reason == "tool_calls", f"finish_reason {choice.finish_reason!r} after a call")
            return {"answer": "tool_calls", "calls": check_calls(choice.message, TOOL_MODELS.keys(), parsed_by_sdk=False)}
        require(choice.finish_reason in ("stop", "length"), f"finish_reason {choice.finish_reason!r}")
        require(isinstance(choice.message.content, str) and choice.message.content, "neither a call nor text")
        return {"answer": "text", "content": choice.message.content}

    def tool_result_round_trip():
        # The SDK's own message object goes back as history, then the tool's result, as the function-calling guide does.
        first = client.chat.completions.parse(model=model, messages=WEATHER_PROMPT, tools=TOOLS,
                                              tool_choice={"type": "function", "function": {"name": "get_weather"}},
                                              parallel_tool_calls=False, temperature=0, max_tokens=100)
        message = first.choices[0].message
        check_calls(message, {"get_weather"})
        history = WEATHER_PROMPT + [message] + [
            {"role": "tool", "tool_call_id": call.id, "content": json.dumps({"temperature": 18, "sky": "cloudy"})}
            for call in message.tool_calls]
        second = client.chat.completions.create(model=model, messages=history, tools=TOOLS, tool_choice="none",
                                                temperature=0, max_tokens=30)
        choice = second.choices[0]
        require(not choice.message.tool_calls, f"tool_choice none still called {choice.message.tool_calls!r}")
        require(choice.finish_reason in ("stop", "length"), f"finish_reason {choice.finish_reason!r}")
        require(isinstance(choice.message.content, str) and choice.message.content, "no text answer")
        return {"content": choice.message.content}

    def stream_text():
        max_tokens = 16
        stream = client.chat.completions.create(model=model, messages=[{"role": "user", "content": "Tell me about cats."}],
                                                stream=True, stream_options={"include_usage": True},
                                                temperature=0, max_tokens=max_tokens)
        pieces, finish, usage, chunks = [], None, None, 0
        for chunk in stream:
            chunks += 1
            if chunk.usage is not None:
                require(not chunk.choices, "the usage chunk carries choices")
                usage = chunk.usage
            for c in chunk.choices:
                if c.delta.content:
                    pieces.append(c.delta.content)
                if c.finish_reason is not None:
                    require(finish is None, "two finish reasons")
                    finish = c.finish_reason
        require(len(pieces) >= 2, f"content arrived in {len(pieces)} piece(s)")
        require(finish in ("stop", "length"), f"finish_reason {finish!r}")
        require(usage is not None, "include_usage sent no usage chunk")
        require(usage.total_tokens == usage.prompt_tokens + usage.completion_tokens, f"usage {usage!r}")
        require(0 < usage.completion_tokens <= max_tokens, f"{usage.completion_tokens} completion tokens")
        if finish == "length":
            require(usage.completion_tokens == max_tokens, f"length after {usage.completion_tokens} of {max_tokens} tokens")
        return {"chunks": chunks, "content": "".join(pieces), "finish_reason": finish}

    def stream_parse_pydantic():
        deltas = 0
        with client.chat.completions.stream(model=model, messages=PERSON_PROMPT, response_format=Person,
                                            temperature=0, max_tokens=100) as stream:
            for event in stream:
                if event.type == "content.delta":
                    deltas += 1
            completion = stream.get_final_completion()
        choice = completion.choices[0]
        require(deltas >= 2, f"{deltas} content delta(s)")
        require(choice.finish_reason == "stop", f"finish_reason {choice.finish_reason!r}")
        check_person(choice.message.parsed)
        return {"deltas": deltas, "parsed": choice.message.parsed.model_dump(mode="json")}

    def stream_tool_calls():
        with client.chat.completions.stream(model=model, messages=WEATHER_PROMPT, tools=TOOLS, tool_choice="required",
                                            temperature=0, max_tokens=200) as stream:
            done = [e.name for e in stream if e.type == "tool_calls.function.arguments.done"]
            completion = stream.get_final_completion()
        choice = completion.choices[0]
        require(choice.finish_reason == "tool_calls", f"finish_reason {choice.finish_reason!r}")
        calls = check_calls(choice.message, TOOL_MODELS.keys())
        require(done == [c["name"] for c in calls], f"arguments.done events {done} for calls {calls}")
        return {"calls": calls}

    checks.run("models", listed_model)
    checks.run("parse_pydantic", parse_pydantic)
    checks.run("tools_required", tools_required)
    checks.run("tools_named_single", tools_named_single)
    checks.run("tools_auto", tools_auto)
    checks.run("tool_result_round_trip", tool_result_round_trip)
    checks.run("stream_text", stream_text)
    checks.run("stream_parse_pydantic", stream_parse_pydantic)
    checks.run("stream_tool_calls", stream_tool_calls)
    checks.finish()


if __name__ == "__main__":
    main()
