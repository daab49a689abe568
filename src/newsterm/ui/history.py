"""Back and forward along the stories a person followed, like a browser's history."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class History:
    """`visit` starts a new branch (forward is forgotten); back/forward move along it."""

    _back: list[str] = field(default_factory=list)
    _forward: list[str] = field(default_factory=list)
    current: str | None = None
    limit: int = 200

    def visit(self, story_id: str) -> None:
        if story_id == self.current:
            return
        if self.current is not None:
            self._back.append(self.current)
            del self._back[: -self.limit]
        self.current = story_id
        self._forward.clear()

    def back(self) -> str | None:
        if not self._back:
            return None
        if self.current is not None:
            self._forward.append(self.current)
        self.current = self._back.pop()
        return self.current

    def forward(self) -> str | None:
        if not self._forward:
            return None
        if self.current is not None:
            self._back.append(self.current)
        self.current = self._forward.pop()
        return self.current

    @property
    def can_go_back(self) -> bool:
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def to_json(self) -> dict[str, object]:
        return {"back": self._back, "current": self.current, "forward": self._forward}

    @classmethod
    def from_json(cls, data: object) -> History:
        """As `to_json` wrote it; anything else is a fresh history."""
        if not isinstance(data, dict):
            return cls()
        current = data.get("current")
        return cls(
            _back=_ids(data.get("back"))[-cls.limit :],
            _forward=_ids(data.get("forward"))[-cls.limit :],
            current=str(current) if current is not None else None,
        )


def _ids(value: object) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []
