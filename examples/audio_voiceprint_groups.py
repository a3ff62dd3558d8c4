"""Voiceprint groups: enrol speakers and tell who is speaking (twin of cozepy's ten
``examples/audio_voiceprint_groups*.py``: groups create, list, update, delete and
speaker_identify; features create, list, update, delete and speaker_identify). Async: make a
group, enrol two speakers from WAV samples, rename one, identify a new recording (best match
first), remove a speaker; sync: list the groups and delete the example's group. The samples are
made with the speech API, so no microphone is needed. Offline against the emulator unless
COZE_API_TOKEN is set (voiceprints are a coze.cn feature: set COZE_API_BASE too)."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from _target import Target, coze_target

from coze_async import AsyncCoze, AudioFormat, Coze, TokenAuth

SPEAKERS = {"Alice": "Hello, this is Alice speaking.", "Bob": "Hi there, Bob here."}


async def make_samples(coze: AsyncCoze, folder: Path) -> dict[str, Path]:
    """A WAV per speaker, each in a different voice."""
    voices = (await coze.audio.voices.list()).items
    samples: dict[str, Path] = {}
    for (name, text), voice in zip(SPEAKERS.items(), voices, strict=False):
        speech = await coze.audio.speech.create(
            input=text, voice_id=voice.voice_id, response_format=AudioFormat.WAV, sample_rate=16000
        )
        samples[name] = folder / f"{name}.wav"
        await speech.write_to_file(samples[name])
    return samples


async def main_async(target: Target, folder: Path) -> str:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        samples = await make_samples(coze, folder)
        group = await coze.audio.voiceprint_groups.create(name="Team", desc="Made by an example")
        await coze.audio.voiceprint_groups.update(group_id=group.id, name="Our team")
        print("[async] group", group.id)
        features = {}
        for name, path in samples.items():
            created = await coze.audio.voiceprint_groups.features.create(
                group_id=group.id, name=name, file=path, sample_rate=16000, channel=1
            )
            features[name] = created.id
        await coze.audio.voiceprint_groups.features.update(
            group_id=group.id, feature_id=features["Bob"], desc="Joined in March"
        )
        async for feature in coze.audio.voiceprint_groups.features.list(group_id=group.id):
            print(f"   feature {feature.id} {feature.name!r} {feature.desc!r}")

        result = await coze.audio.voiceprint_groups.speaker_identify(
            group_id=group.id, file=samples["Alice"], top_k=2, sample_rate=16000, channel=1
        )
        for score in result.feature_score_list:
            print(f"[async] {score.feature_name}: {score.score:.1f}")

        await coze.audio.voiceprint_groups.features.delete(
            group_id=group.id, feature_id=features["Bob"]
        )
        print("[async] removed Bob")
        return group.id


def main_sync(target: Target, group_id: str) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        for group in coze.audio.voiceprint_groups.list():
            print(f"[sync] group {group.id} {group.name!r}, {group.feature_count} feature(s)")
        coze.audio.voiceprint_groups.delete(group_id=group_id)
        print("[sync] deleted", group_id)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp, coze_target() as target:
        group_id = asyncio.run(main_async(target, Path(tmp)))
        main_sync(target, group_id)
