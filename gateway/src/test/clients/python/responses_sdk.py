"""The official openai Python SDK's Responses API against a schemagate server that runs MCP tools itself: calls whose
arguments validate against the tool's listed schema, approvals and their resumption, text.format, the event stream,
and the stored-response round trip.

Usage: python responses_sdk.py BASE_URL MODEL MCP_URL   (BASE_URL like http://127.0.0.1:8000/v1, MCP_URL like
       http://127.0.0.1:9000/mcp: gateway/src/test/mcp/test_server.py --http PORT; or SCHEMAGATE_MCP_URL)
Prints one JSON summary line; exits 1 when any check failed.
"""

import importlib.metadata
import json
import os
import sys
from typing import Literal

import jsonschema
import openai
import pydantic
from openai import OpenAI
from pydantic import BaseModel, Field

from client_checks import CheckFailed, Checks, api_key, require, server

LABEL = "test"
ADD_PROMPT = "Add 3 and 4."


class City(BaseModel):
    name: str = Field(max_length=20)
    country: str = Field(max_length=20)
    population: int = Field(ge=0, le=50_000_000)
    climate: Literal["cold", "mild", "hot"]


# A nested schema written by hand, sent as text.format without the SDK's Pydantic helpers.
TRIP_SCHEMA = {
    "type": "object",
    "properties": {
        "destination": {"type": "string", "maxLength": 20},
        "nights": {"type": "integer", "minimum": 1, "maximum": 14},
        "stops": {"type": "array", "minItems": 1, "maxItems": 3,
                  "items": {"type": "object", "properties": {"city": {"type": "string", "maxLength": 20},
                                                             "by": {"enum": ["train", "bus", "plane"]}},
                            "required": ["city", "by"], "additionalProperties": False}},
    },
    "required": ["destination", "nights", "stops"],
    "additionalProperties": False,
}


def mcp_url():
    url = sys.argv[3] if len(sys.argv) > 3 else os.environ.get("SCHEMAGATE_MCP_URL")
    if not url:
        print("usage: %s BASE_URL MODEL MCP_URL (or SCHEMAGATE_MCP_URL)" % os.path.basename(sys.argv[0]), file=sys.stderr)
        sys.exit(2)
    return url


def validate(instance, schema, what):
    """Validates with the validator the schema asks for (2020-12 when it names none), after checking the schema itself."""
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    errors = [e.message for e in validator(schema).iter_errors(instance)]
    require(not errors, f"{what} {instance!r} breaks its schema: {errors}")


def items(response, type_):
    return [item for item in response.output if item.type == type_]


def listed_schemas(response, allowed):
    """The input schemas from the response's one mcp_list_tools item, which must list exactly the allowed tools."""
    lists = items(response, "mcp_list_tools")
    require(len(lists) == 1, f"{len(lists)} mcp_list_tools items")
    listed = lists[0]
    require(listed.server_label == LABEL and listed.error is None, f"mcp_list_tools {listed!r}")
    schemas = {tool.name: tool.input_schema for tool in listed.tools}
    require(set(schemas) == set(allowed), f"listed {sorted(schemas)}, allowed_tools {sorted(allowed)}")
    return schemas


def check_add_call(call, schemas):
    """An add call: arguments valid under the listed schema, and the output the test server computes from them."""
    require(call.server_label == LABEL and call.name == "add", f"call {call!r}")
    arguments = json.loads(call.arguments)
    validate(arguments, schemas["add"], "add arguments")
    require(call.error is None, f"add failed: {call.error!r}")
    require(call.output == str(arguments["a"] + arguments["b"]), f"add{arguments} returned {call.output!r}")
    return arguments


def require_not_found(request, what):
    try:
        request()
    except openai.NotFoundError:
        return
    raise CheckFailed(f"{what} is still there")


def check_stream_order(events):
    """Sequence numbers strictly increase, response.created comes first and a terminal event last."""
    numbers = [e.sequence_number for e in events]
    require(all(a < b for a, b in zip(numbers, numbers[1:])), f"sequence numbers not increasing: {numbers}")
    require(events[0].type == "response.created", f"first event {events[0].type}")
    require(events[-1].type in ("response.completed", "response.incomplete"), f"last event {events[-1].type}")


def main():
    base_url, model = server()
    url = mcp_url()
    client = OpenAI(base_url=base_url, api_key=api_key(), max_retries=0, timeout=600)
    checks = Checks("openai-python-responses", {"openai": openai.__version__, "pydantic": pydantic.__version__,
                                                "jsonschema": importlib.metadata.version("jsonschema")})

    def mcp_tool(allowed, approval):
        return {"type": "mcp", "server_label": LABEL, "server_url": url, "allowed_tools": allowed, "require_approval": approval}

    force_add = {"type": "mcp", "server_label": LABEL, "name": "add"}

    def mcp_forced_call():
        # A forced tool holds for every turn, so max_tool_calls is what ends the response after the one call.
        allowed = ["add", "convert_temperature"]
        response = client.responses.create(model=model, input=ADD_PROMPT, tools=[mcp_tool(allowed, "never")],
                                           tool_choice=force_add, max_tool_calls=1, parallel_tool_calls=False,
                                           temperature=0, max_output_tokens=100)
        require(response.status == "incomplete" and response.incomplete_details.reason == "max_tool_calls",
                f"status {response.status}, {response.incomplete_details!r}")
        schemas = listed_schemas(response, allowed)
        calls = items(response, "mcp_call")
        require(len(calls) == 1, f"{len(calls)} mcp_call items with max_tool_calls 1")
        require(calls[0].approval_request_id is None, "a call that needed no approval names an approval request")
        return {"arguments": check_add_call(calls[0], schemas), "output": calls[0].output}

    def mcp_approval():
        tools = [mcp_tool(["add"], "always")]
        first = client.responses.create(model=model, input=ADD_PROMPT, tools=tools, tool_choice=force_add,
                                        parallel_tool_calls=False, temperature=0, max_output_tokens=100)
        require(first.status == "completed", f"status {first.status} while waiting for approval")
        schemas = listed_schemas(first, ["add"])
        require(not items(first, "mcp_call"), "a call ran before it was approved")
        asked = items(first, "mcp_approval_request")
        require(len(asked) == 1, f"{len(asked)} approval requests")
        request = asked[0]
        require(request.server_label == LABEL and request.name == "add", f"approval request {request!r}")
        validate(json.loads(request.arguments), schemas["add"], "approval request arguments")
        resumed = client.responses.create(model=model, previous_response_id=first.id, tools=tools, tool_choice=force_add,
                                          max_tool_calls=1, parallel_tool_calls=False, temperature=0, max_output_tokens=100,
                                          input=[{"type": "mcp_approval_response", "approval_request_id": request.id,
                                                  "approve": True}])
        require(resumed.previous_response_id == first.id, f"previous_response_id {resumed.previous_response_id!r}")
        calls = [c for c in items(resumed, "mcp_call") if c.approval_request_id == request.id]
        require(len(calls) == 1, f"no single mcp_call for {request.id} in {resumed.output!r}")
        require(calls[0].arguments == request.arguments, f"approved {request.arguments}, called {calls[0].arguments}")
        return {"approval_request_id": request.id, "output": calls[0].output,
                "arguments": check_add_call(calls[0], schemas)}

    def parse_text_format():
        response = client.responses.parse(model=model, input="Describe Paris.", text_format=City, temperature=0,
                                          max_output_tokens=100)
        require(response.status == "completed", f"status {response.status}, {response.incomplete_details!r}")
        parsed = response.output_parsed
        require(isinstance(parsed, City), f"output_parsed is {type(parsed).__name__}")
        require(json.loads(response.output_text) == parsed.model_dump(mode="json"), "output_text and output_parsed differ")
        return {"parsed": parsed.model_dump(mode="json")}

    def json_schema_text_format():
        response = client.responses.create(model=model, input="Plan a short trip to Italy.", temperature=0,
                                           max_output_tokens=200,
                                           text={"format": {"type": "json_schema", "name": "trip", "schema": TRIP_SCHEMA,
                                                            "strict": True}})
        require(response.status == "completed", f"status {response.status}, {response.incomplete_details!r}")
        trip = json.loads(response.output_text)
        validate(trip, TRIP_SCHEMA, "the answer")
        require(response.text.format.type == "json_schema", f"text.format echoed as {response.text.format!r}")
        return {"answer": trip}

    def stream_mcp_call():
        events = list(client.responses.create(model=model, input=ADD_PROMPT, tools=[mcp_tool(["add"], "never")],
                                              tool_choice=force_add, max_tool_calls=1, parallel_tool_calls=False,
                                              temperature=0, max_output_tokens=100, stream=True))
        check_stream_order(events)
        final = events[-1].response
        added = [e.item.id for e in events if e.type == "response.output_item.added"]
        done = [e.item for e in events if e.type == "response.output_item.done"]
        require(added == [i.id for i in done] == [i.id for i in final.output],
                f"items added {added}, done {[i.id for i in done]}, in the response {[i.id for i in final.output]}")
        calls = [i for i in done if i.type == "mcp_call"]
        require(len(calls) == 1, f"{len(calls)} mcp_call items")
        call_id = calls[0].id
        start = next(i for i, e in enumerate(events) if e.type == "response.output_item.added" and e.item.id == call_id)
        end = next(i for i, e in enumerate(events) if e.type == "response.output_item.done" and e.item.id == call_id)
        inside = [e for e in events[start + 1:end] if getattr(e, "item_id", None) == call_id]
        outside = [e.type for e in events[:start] + events[end:] if getattr(e, "item_id", None) == call_id]
        require(not outside, f"events of the call outside its added and done: {outside}")
        inside_types = [e.type for e in inside]
        for expected in ("response.mcp_call.in_progress", "response.mcp_call_arguments.done", "response.mcp_call.completed"):
            require(expected in inside_types, f"no {expected} between the call's added and done: {inside_types}")
        deltas = "".join(e.delta for e in inside if e.type == "response.mcp_call_arguments.delta")
        arguments_done = next(e.arguments for e in inside if e.type == "response.mcp_call_arguments.done")
        require(deltas == arguments_done == calls[0].arguments,
                f"argument deltas {deltas!r}, done {arguments_done!r}, item {calls[0].arguments!r}")
        stored = client.responses.retrieve(final.id)
        require([i.model_dump() for i in stored.output] == [i.model_dump() for i in final.output],
                "the stored response differs from the streamed one")
        return {"events": len(events), "call_events": inside_types}

    def stream_text_format():
        deltas, events = [], []
        with client.responses.stream(model=model, input="Describe Tokyo.", text_format=City, temperature=0,
                                     max_output_tokens=100) as stream:
            for event in stream:
                events.append(event)
                if event.type == "response.output_text.delta":
                    deltas.append(event.delta)
            response = stream.get_final_response()
        check_stream_order(events)
        require(len(deltas) >= 2, f"text arrived in {len(deltas)} delta(s)")
        text_done = [e.text for e in events if e.type == "response.output_text.done"]
        require(text_done == ["".join(deltas)] and response.output_text == "".join(deltas),
                f"deltas {''.join(deltas)!r}, done {text_done!r}, response {response.output_text!r}")
        require(isinstance(response.output_parsed, City), f"output_parsed is {type(response.output_parsed).__name__}")
        return {"deltas": len(deltas), "parsed": response.output_parsed.model_dump(mode="json")}

    def stored_round_trip():
        prompt = "Name a colour."
        created = client.responses.create(model=model, input=[{"role": "user", "content": prompt}], temperature=0,
                                          max_output_tokens=16)
        require(created.store is not False, "store defaults to true")
        fetched = client.responses.retrieve(created.id)
        require(fetched.id == created.id and fetched.status == created.status and fetched.output_text == created.output_text,
                f"retrieved {fetched!r} for {created!r}")
        listed = client.responses.input_items.list(created.id)
        texts = [part.text for item in listed.data if item.type == "message" and item.role == "user" for part in item.content]
        require(texts == [prompt], f"input items {listed.data!r}")
        require(client.responses.delete(created.id) is None, "delete returned a body")
        require_not_found(lambda: client.responses.retrieve(created.id), "the deleted response")
        require_not_found(lambda: client.responses.input_items.list(created.id), "the deleted response's input items")
        unstored = client.responses.create(model=model, input=prompt, store=False, temperature=0, max_output_tokens=4)
        require_not_found(lambda: client.responses.retrieve(unstored.id), "a response made with store false")
        return {"id": created.id, "output_text": created.output_text}

    checks.run("mcp_forced_call", mcp_forced_call)
    checks.run("mcp_approval", mcp_approval)
    checks.run("parse_text_format", parse_text_format)
    checks.run("json_schema_text_format", json_schema_text_format)
    checks.run("stream_mcp_call", stream_mcp_call)
    checks.run("stream_text_format", stream_text_format)
    checks.run("stored_round_trip", stored_round_trip)
    checks.finish()


if __name__ == "__main__":
    main()
