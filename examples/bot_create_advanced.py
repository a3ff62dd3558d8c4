"""Create a bot with everything configured at once (twin of cozepy's
``examples/bot_create_advanced.py`` and ``examples/bot_create.py``): prompt, model settings,
opening message with suggested questions, reply suggestions; read the configuration back and
change the model's temperature (async); then retrieve it from sync code. Offline against the
emulator unless COZE_API_TOKEN is set (then also set COZE_SPACE_ID; COZE_MODEL_ID picks a model
of your space)."""

from __future__ import annotations

import asyncio
import os

from _target import Target, coze_target

from coze_async import (
    AsyncCoze,
    BotModelInfoConfig,
    BotOnboardingInfo,
    BotPromptInfo,
    BotSuggestReplyInfo,
    Coze,
    SuggestReplyMode,
    TokenAuth,
)

DEFAULT_MODEL_ID = "1737521813"  # offline: the emulator's model


async def main_async(target: Target, model_id: str) -> str:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        bot = await coze.bots.create(
            space_id=target.space_id,
            name="Translator",
            description="Translates between English and French",
            prompt_info=BotPromptInfo(prompt="Translate what the user writes into French."),
            model_info_config=BotModelInfoConfig(
                model_id=model_id,
                temperature=0.2,
                max_tokens=1024,
                response_format=BotModelInfoConfig.ResponseFormat.MARKDOWN,
            ),
            onboarding_info=BotOnboardingInfo(
                prologue="Bonjour! Send me some English.",
                suggested_questions=["Good morning", "Where is the station?"],
            ),
            suggest_reply_info=BotSuggestReplyInfo(reply_mode=SuggestReplyMode.ENABLE),
        )
        print("[async] created bot", bot.bot_id)
        await coze.bots.update(
            bot_id=bot.bot_id,
            model_info_config=BotModelInfoConfig(model_id=model_id, temperature=0.7),
        )
        draft = await coze.bots.retrieve(bot_id=bot.bot_id, is_published=False, use_api_version=2)
        print(
            "  name:",
            draft.name,
            "- prompt:",
            draft.prompt_info.prompt if draft.prompt_info else "",
        )
        if draft.model_info:
            print(
                "  model:", draft.model_info.model_name, "temperature", draft.model_info.temperature
            )
        if draft.onboarding_info:
            print("  prologue:", draft.onboarding_info.prologue)
            print("  suggested:", draft.onboarding_info.suggested_questions)
        return bot.bot_id


def main_sync(target: Target, bot_id: str) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        bot = coze.bots.retrieve(bot_id=bot_id, is_published=False, use_api_version=2)
        print("[sync]", bot.name, bot.description, "logid:", bot.response.logid)


if __name__ == "__main__":
    with coze_target() as target:
        model_id = os.environ.get("COZE_MODEL_ID", DEFAULT_MODEL_ID)
        bot_id = asyncio.run(main_async(target, model_id))
        main_sync(target, bot_id)
