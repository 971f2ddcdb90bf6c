from pathlib import Path

import pytest

from coverage import ConfigError, Settings


def test_defaults_validate_and_replace_coerces_strings() -> None:
    settings = Settings()
    settings.validate()
    changed = settings.set(["alignment.link_threshold=0.7", "embedding.cache=false", "embedding.model=x"])
    assert changed.alignment.link_threshold == 0.7
    assert changed.embedding.cache is False and changed.embedding.model == "x"
    assert settings.alignment.link_threshold != 0.7  # frozen: the original is unchanged


@pytest.mark.parametrize(
    "assignment",
    ["events.threshold=1.5", "alignment.mode=sideways", "nosuch.key=1", "events.nosuch=1", "events.threshold=abc", "x"],
)
def test_bad_values_are_config_errors(assignment: str) -> None:
    with pytest.raises(ConfigError):
        Settings().set([assignment])


def test_from_toml(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text("[alignment]\nlink_threshold = 0.6\nmode = 'monotone'\n")
    settings = Settings.from_toml(path)
    assert settings.alignment.link_threshold == 0.6 and settings.alignment.mode == "monotone"
    path.write_text("[alignment\n")
    with pytest.raises(ConfigError):
        Settings.from_toml(path)


def test_each_section_validates_its_own_fields() -> None:
    from coverage.settings import AlignmentSettings, EmbeddingSettings, EventSettings, IngestSettings

    for section in (EventSettings(threshold=1.5), AlignmentSettings(mode="sideways"), EmbeddingSettings(batch_size=0)):
        with pytest.raises(ConfigError, match=rf"^{section.SECTION}\."):
            section.validate()
    with pytest.raises(ConfigError, match=r"events\.weight_\*"):
        EventSettings(weight_lead=0, weight_body=0, weight_lexical=0, weight_names=0).validate()
    IngestSettings().validate()
