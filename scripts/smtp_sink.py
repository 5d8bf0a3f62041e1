#!/usr/bin/env python
"""A tiny SMTP sink for drills: accepts every message and logs it, one JSON line each.

    python scripts/smtp_sink.py --port 18025 --log /tmp/sink.jsonl [--delay 0.05]

A message is written to the log (and flushed to disk) *before* the sink answers
"250", as a real relay has taken responsibility for it once it says so. `--delay`
slows each DATA reply so a drill can kill a sender mid-batch. Standard library
only (asyncio); listens on 127.0.0.1.
"""

import argparse
import asyncio
import json
import os
import time
from email.parser import BytesHeaderParser


async def session(reader, writer, log, delay):
    def reply(line: str):
        writer.write(line.encode() + b"\r\n")

    reply("220 drill-sink ESMTP")
    sender, recipients = "", []
    try:
        while line := await reader.readline():
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                reply("250-drill-sink")
                reply("250-8BITMIME")
                reply("250 SMTPUTF8")
            elif verb == "HELO":
                reply("250 drill-sink")
            elif verb == "MAIL":
                sender, recipients = command[10:].strip(" <>"), []
                reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command[8:].strip(" <>"))
                reply("250 OK")
            elif verb == "DATA":
                reply("354 End data with <CR><LF>.<CR><LF>")
                await writer.drain()
                data = bytearray()
                while (chunk := await reader.readline()) not in (b".\r\n", b""):
                    data += chunk
                headers = BytesHeaderParser().parsebytes(bytes(data))
                await asyncio.sleep(delay)
                log.write(
                    json.dumps(
                        {
                            "message_id": headers.get("Message-ID", ""),
                            "to": recipients,
                            "from": sender,
                            "subject": headers.get("Subject", ""),
                            "at": time.time(),
                        }
                    )
                    + "\n"
                )
                log.flush()
                os.fsync(log.fileno())
                reply("250 OK queued")
            elif verb in ("RSET", "NOOP"):
                reply("250 OK")
            elif verb == "QUIT":
                reply("221 Bye")
                break
            else:
                reply("502 Command not implemented")
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


async def main(port: int, log_path: str, delay: float):
    with open(log_path, "a", encoding="utf-8") as log:
        server = await asyncio.start_server(
            lambda r, w: session(r, w, log, delay), "127.0.0.1", port
        )
        print(f"SMTP sink on 127.0.0.1:{port}, logging to {log_path}", flush=True)
        async with server:
            await server.serve_forever()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=18025)
    parser.add_argument("--log", required=True)
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    asyncio.run(main(args.port, args.log, args.delay))
