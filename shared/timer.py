"""A nameko timer whose interval comes from Vern's validated configuration, not from code."""
from nameko.timer import Timer

from shared.config import settings


class SettingsTimer(Timer):
    """`@SettingsTimer.decorator("deadline_check_seconds")`: every that many seconds of `settings(config)`."""

    def __init__(self, setting: str, **kwargs):
        self.setting = setting
        super().__init__(interval=None, **kwargs)

    def setup(self):
        self.interval = getattr(settings(self.container.config), self.setting)
        super().setup()


every = SettingsTimer.decorator
