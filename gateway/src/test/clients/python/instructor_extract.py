"""Instructor against a schemagate server: extracting a Pydantic model through the OpenAI client, in JSON_SCHEMA mode
(a plain, non-strict response_format schema) and TOOLS mode (a forced function call).

Usage: python instructor_extract.py BASE_URL MODEL   (BASE_URL like http://127.0.0.1:8000/v1)
Prints one JSON summary line; exits 1 when any check failed.
"""

from typing import Literal

import instructor
import openai
from openai import OpenAI
from pydantic import BaseModel, ConfigDict, Field

from client_checks import Checks, api_key, require, server


class Order(BaseModel):
    # A closed schema (additionalProperties: false): JSON_SCHEMA mode sends Pydantic's schema as it is, and an open one
    # lets the model spend its budget on invented keys.
    model_config = ConfigDict(extra="forbid")

    item: str = Field(max_length=20)
    quantity: int = Field(ge=1, le=50)
    size: Literal["small", "medium", "large"]
    gift: bool


MESSAGES = [{"role": "user", "content": "Extract the order: three large coffees, not a gift."}]


def main():
    base_url, model = server()
    checks = Checks("instructor", {"instructor": instructor.__version__, "openai": openai.__version__})

    def extract(mode):
        def check():
            client = instructor.from_openai(OpenAI(base_url=base_url, api_key=api_key(), max_retries=0, timeout=600),
                                            mode=mode)
            # No re-asking: the first answer must already validate.
            order, completion = client.chat.completions.create_with_completion(
                model=model, messages=MESSAGES, response_model=Order, max_retries=0, temperature=0, max_tokens=100)
            require(isinstance(order, Order), f"extracted {type(order).__name__}, not Order")
            require(len(order.item) <= 20 and 1 <= order.quantity <= 50, f"extracted order breaks the schema: {order!r}")
            expected = "tool_calls" if mode == instructor.Mode.TOOLS else "stop"
            require(completion.choices[0].finish_reason == expected, f"finish_reason {completion.choices[0].finish_reason!r}")
            return {"order": order.model_dump(mode="json")}
        return check

    checks.run("json_schema_mode", extract(instructor.Mode.JSON_SCHEMA))
    checks.run("tools_mode", extract(instructor.Mode.TOOLS))
    checks.finish()


if __name__ == "__main__":
    main()
