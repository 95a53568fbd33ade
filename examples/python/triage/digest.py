"""The nightly digest: one summary per ticket, and a review of the runbook."""

import os

from .clients import openai_client

MODEL = os.getenv("DIGEST_MODEL", "gpt-5")


def nightly_digest(tickets: list[dict]) -> list[str]:
    summaries = []
    for ticket in tickets:
        res = openai_client.chat.completions.create(
            model=MODEL,
            metadata={"team": "triage"},
            messages=[
                {"role": "system", "content": "Summarise the support ticket in two sentences."},
                {"role": "user", "content": ticket["body"]},
            ],
        )
        summaries.append(res.choices[0].message.content or "")
    return summaries


def review_runbook(question: str):
    with open("docs/runbook.md") as f:
        runbook = f.read()
    # costlint-usage monthly_calls=500
    return openai_client.responses.create(
        model="gpt-5-mini",
        max_output_tokens=800,
        metadata={"team": "triage"},
        input=f"Runbook:\n{runbook}\n\nQuestion: {question}",
    )
