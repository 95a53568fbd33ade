"""Tags a ticket and drafts a reply, trying again until the API answers."""

import time

import anthropic
import backoff
import openai

from .clients import claude, openai_client


def classify(ticket: str) -> str:
    while True:
        try:
            res = openai_client.chat.completions.create(
                model="gpt-4.1-mini",
                max_completion_tokens=20,
                metadata={"team": "triage"},
                messages=[{"role": "user", "content": f"Tag this ticket as billing, bug or question: {ticket}"}],
            )
            return res.choices[0].message.content or ""
        except openai.RateLimitError:
            time.sleep(2)


@backoff.on_exception(backoff.expo, anthropic.RateLimitError)
def draft_reply(ticket: str) -> str:
    reply = claude.messages.create(
        model="claude-haiku-4-5",
        max_tokens=300,
        metadata={"user_id": "triage-bot"},
        messages=[{"role": "user", "content": f"Draft a short, friendly reply to: {ticket}"}],
    )
    return reply.content[0].text
