"""MCP test server for the gateway's MCP client and agent tests, on the PyPI `mcp` SDK (MCPServer, formerly FastMCP).

Tools with enums, integer ranges, nested objects and arrays that really compute something, plus guard fixtures:
`poll_status` (answers the same thing forever: loop bait), `hang` (sleeps far longer than asked), `fail` (raises).

Usage: python test_server.py                   stdio (the default)
       python test_server.py --http PORT       Streamable HTTP on 127.0.0.1:PORT/mcp
       add --page-size N to split tools/list into pages of N tools (exercises the client's pagination)
"""

import argparse
import asyncio
import itertools
from typing import Annotated, Literal

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import ListToolsResult
from pydantic import BaseModel, Field

TemperatureUnit = Literal["celsius", "fahrenheit", "kelvin"]

CITIES = {
    "paris": {"country": "France", "population": 2_102_650, "elevation_m": 35},
    "tokyo": {"country": "Japan", "population": 14_094_034, "elevation_m": 40},
    "nairobi": {"country": "Kenya", "population": 4_397_073, "elevation_m": 1795},
    "lima": {"country": "Peru", "population": 10_092_000, "elevation_m": 154},
}


class PagedServer(MCPServer):
    """Serves tools/list in pages when asked to; the SDK's own handler returns every tool at once."""

    def __init__(self, page_size: int):
        super().__init__(name="schemagate-test", version="1.0.0", log_level="WARNING")
        self.page_size = page_size

    async def _handle_list_tools(self, ctx, params) -> ListToolsResult:
        tools = await self.list_tools()
        if self.page_size <= 0:
            return ListToolsResult(tools=tools)
        start = int(params.cursor) if params is not None and params.cursor else 0
        end = start + self.page_size
        return ListToolsResult(tools=tools[start:end], next_cursor=str(end) if end < len(tools) else None)


def to_celsius(value: float, unit: str) -> float:
    if unit == "fahrenheit":
        return (value - 32) * 5 / 9
    if unit == "kelvin":
        return value - 273.15
    return value


def from_celsius(value: float, unit: str) -> float:
    if unit == "fahrenheit":
        return value * 9 / 5 + 32
    if unit == "kelvin":
        return value + 273.15
    return value


class Customer(BaseModel):
    name: str = Field(min_length=1)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")


class OrderItem(BaseModel):
    sku: str = Field(min_length=1)
    quantity: int = Field(ge=1, le=99)


def register_tools(server: MCPServer) -> None:
    @server.tool(description="Convert a temperature between celsius, fahrenheit and kelvin.")
    def convert_temperature(value: float, from_unit: TemperatureUnit, to_unit: TemperatureUnit) -> str:
        converted = round(from_celsius(to_celsius(value, from_unit), to_unit), 2)
        return f"{value:g} {from_unit} = {converted:g} {to_unit}"

    @server.tool(description="Add two integers between 0 and 1000.")
    def add(a: Annotated[int, Field(ge=0, le=1000)], b: Annotated[int, Field(ge=0, le=1000)]) -> str:
        return str(a + b)

    @server.tool(description="Place an order for a customer and return its summary.")
    def create_order(
        customer: Customer, items: Annotated[list[OrderItem], Field(min_length=1)], priority: Literal["low", "normal", "high"]
    ) -> str:
        units = sum(item.quantity for item in items)
        lines = ", ".join(f"{item.quantity} x {item.sku}" for item in items)
        return f"order for {customer.name} <{customer.email}>, {priority} priority: {lines} ({units} units)"

    @server.tool(description="Look up the country, population and elevation of a city.")
    def lookup_city(name: str) -> str:
        facts = CITIES.get(name.strip().lower())
        if facts is None:
            raise ToolError(f"unknown city '{name}'; known: {', '.join(sorted(CITIES))}")
        return f"{name.strip().title()}: country {facts['country']}, population {facts['population']}, elevation {facts['elevation_m']} m"

    @server.tool(description="Report the status of a background job.")
    def poll_status(job_id: str) -> str:
        return "status: pending, call again"

    @server.tool(description="How many jobs wait in the queue.")
    def queue_length() -> str:
        # Loop bait without arguments: every call is the same call with the same answer.
        return "3 jobs are waiting; check again later"

    tickets = itertools.count(1)

    @server.tool(description="Take the next ticket number.")
    def next_ticket() -> str:
        # A different answer every time, so only a call-count limit ends a forced loop over it.
        return f"ticket {next(tickets)}"

    @server.tool(description="Wait for the given number of seconds.")
    async def hang(seconds: Annotated[float, Field(ge=0)]) -> str:
        # The guard fixture: it waits far longer than asked, so only a caller's time limit ends the call.
        await asyncio.sleep(max(seconds, 1.0) * 1000)
        return "done"

    @server.tool(description="Fail with the given reason.")
    def fail(reason: str) -> str:
        raise ToolError(reason)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--http", type=int, metavar="PORT", help="serve Streamable HTTP on 127.0.0.1:PORT/mcp")
    parser.add_argument("--page-size", type=int, default=0, help="tools per tools/list page (0: all in one)")
    args = parser.parse_args()
    server = PagedServer(args.page_size)
    register_tools(server)
    if args.http is None:
        server.run()
    else:
        server.run("streamable-http", host="127.0.0.1", port=args.http)


if __name__ == "__main__":
    main()
