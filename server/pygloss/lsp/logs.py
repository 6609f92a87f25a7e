"""What the server's log says about pygls's own normal races.

A client cancels a request it no longer needs (the user moved the cursor); when the
answer was already on its way, pygls finds no such request and logs "Cancel
notification for unknown message id" as a warning, which editors show as an error in
the server's output.  It is normal, so it is logged at debug level instead.
"""

from __future__ import annotations

import logging

PYGLS_PROTOCOL = "pygls.protocol.json_rpc"
NORMAL_RACES = ("Cancel notification for unknown message id",)


class NormalRaces(logging.Filter):
    """Turns pygls's warnings about normal races into debug records."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.DEBUG and str(record.msg).startswith(NORMAL_RACES):
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
            return logging.getLogger().isEnabledFor(logging.DEBUG)
        return True


def quiet_normal_races() -> None:
    """Install :class:`NormalRaces` on pygls's protocol logger (once)."""
    logger = logging.getLogger(PYGLS_PROTOCOL)
    if not any(isinstance(f, NormalRaces) for f in logger.filters):
        logger.addFilter(NormalRaces())
