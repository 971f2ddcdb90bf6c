"""Frames: the 15 generic policy frames of the Media Frames Corpus (Boydstun et al. 2014), one per paragraph by its
nearest prototype embedding.
"""

from __future__ import annotations

import numpy as np

from coverage.analysis.embedding import Embedder

FRAMES: dict[str, tuple[str, ...]] = {
    "economic": (
        "Economic: the costs, benefits, or monetary and financial implications of the issue for individuals, "
        "businesses, markets, or the economy as a whole.",
        "The measure is expected to cost taxpayers billions of dollars and slow economic growth.",
        "Share prices fell sharply and the currency lost value as investors pulled out.",
        "Businesses reported lost revenue, higher prices and job losses.",
    ),
    "capacity and resources": (
        "Capacity and resources: the availability or lack of physical, human, or financial resources, and the "
        "capacity of systems and agencies to cope.",
        "Hospitals are running out of beds and staff to treat the growing number of patients.",
        "The agency says it lacks the personnel and equipment to process the backlog.",
        "Supplies of fuel, food and water are running short.",
    ),
    "morality": (
        "Morality: religious or ethical implications, questions of right and wrong, moral duty and conscience.",
        "Church leaders called the decision a moral failure and a betrayal of human dignity.",
        "It is simply wrong to abandon people in their hour of need, she said.",
        "Critics say the policy violates basic ethical principles.",
    ),
    "fairness and equality": (
        "Fairness and equality: equality or inequality in how laws, punishment, rewards and resources are "
        "distributed among individuals or groups; discrimination and equal rights.",
        "Activists say the rules discriminate against women and minorities.",
        "Poorer neighbourhoods bear an unequal share of the burden.",
        "The ruling ensures equal treatment for all citizens regardless of background.",
    ),
    "legality, constitutionality and jurisprudence": (
        "Legality, constitutionality and jurisprudence: legal, constitutional or jurisdictional aspects, court "
        "cases, lawsuits, rights and freedoms, and what the law permits.",
        "The supreme court ruled that the law was unconstitutional.",
        "Lawyers filed a lawsuit challenging the legality of the order.",
        "Judges will decide whether the government exceeded its legal authority.",
    ),
    "policy prescription and evaluation": (
        "Policy prescription and evaluation: particular policies proposed or enacted to address a problem, and "
        "whether they work or will work.",
        "The government proposed a new plan to reform the pension system.",
        "Experts doubt that the reform will achieve its stated goals.",
        "The bill would require companies to report their emissions every year.",
    ),
    "crime and punishment": (
        "Crime and punishment: violation of laws, crimes, arrests, police investigations, prosecution, sentencing "
        "and punishment.",
        "Police arrested dozens of suspects and charged them with looting and assault.",
        "The accused faces up to ten years in prison if convicted.",
        "Investigators opened a criminal case over the killings.",
    ),
    "security and defense": (
        "Security and defense: threats to the security and welfare of a nation or people, military and security "
        "forces, armed conflict, terrorism, and defence of borders and territory.",
        "Troops and armoured vehicles were deployed to secure the airport and government buildings.",
        "The military alliance sent forces to help restore order after the armed attack.",
        "Security forces launched a counter-terrorism operation against armed militants.",
    ),
    "health and safety": (
        "Health and safety: health care, illness, injury, deaths, disease, sanitation, public safety and the "
        "physical wellbeing of people.",
        "Doctors treated hundreds of injured people, and several died in hospital.",
        "Health officials warned of the risk of infection and urged people to stay indoors.",
        "The explosion injured workers and released toxic smoke.",
    ),
    "quality of life": (
        "Quality of life: the effects on people's daily lives, wellbeing, family, community, ease of living, "
        "mobility and happiness.",
        "Residents said they could not buy groceries or reach their families because of the shutdown.",
        "Without internet or phone service, daily life came to a standstill.",
        "Families waited in long queues for bread and cash.",
    ),
    "cultural identity": (
        "Cultural identity: the traditions, customs, language, religion and values of a social group, nation or "
        "ethnicity, and its history and heritage.",
        "The holiday is a symbol of national identity and tradition.",
        "The language law raised fears among the ethnic minority about their culture.",
        "Historians recall the country's heritage and its long struggle for independence.",
    ),
    "public opinion": (
        "Public opinion: the attitudes and opinions of the general public, including polls, protests, "
        "demonstrations, and public reactions and sentiment.",
        "Thousands of people took to the streets to demonstrate against the decision.",
        "A recent poll found that most voters oppose the plan.",
        "Anger spread on social media as ordinary citizens voiced their frustration.",
    ),
    "political": (
        "Political: the political considerations around the issue: parties, elections, leaders, power struggles, "
        "government actions, political manoeuvring and lobbying.",
        "The president dismissed the cabinet and appointed a new prime minister.",
        "The opposition party accused the ruling coalition of clinging to power.",
        "The move strengthens the leader's grip on power ahead of the elections.",
    ),
    "external regulation and reputation": (
        "External regulation and reputation: relations between nations, foreign policy, international "
        "cooperation, treaties, sanctions, diplomacy and the country's international reputation.",
        "Foreign ministers met to discuss sanctions and the diplomatic response.",
        "The United Nations and Western governments called for restraint.",
        "The crisis has damaged the country's reputation abroad and strained ties with its neighbours.",
    ),
    "other": (),
}
"""The 15 generic frames of the Media Frames Corpus (Boydstun et al. 2014): a description and example sentences
for each; ``other`` has none (it is what remains below the threshold)."""

_PROTOTYPES: dict[str, np.ndarray] = {}


def frame_prototypes(embedder: Embedder) -> np.ndarray:
    """One L2-normalised prototype row per frame of :data:`FRAMES` except ``other`` (the mean embedding of its
    description and examples), cached per embedder name."""
    cached = _PROTOTYPES.get(embedder.name)
    if cached is not None:
        return cached
    names = [f for f in FRAMES if FRAMES[f]]
    texts = [t for f in names for t in FRAMES[f]]
    vectors = np.asarray(embedder.encode(texts), dtype=np.float64)
    rows, start = [], 0
    for f in names:
        n = len(FRAMES[f])
        mean = vectors[start : start + n].mean(axis=0)
        rows.append(mean / (np.linalg.norm(mean) or 1.0))
        start += n
    matrix = np.vstack(rows)
    _PROTOTYPES[embedder.name] = matrix
    return matrix


def assign_frames(vectors: np.ndarray, prototypes: np.ndarray, *, threshold: float) -> list[str]:
    """The frame of each row of ``vectors``: the nearest prototype, or ``other`` below ``threshold``."""
    names = [f for f in FRAMES if FRAMES[f]]
    if len(vectors) == 0:
        return []
    sim = np.asarray(vectors, dtype=np.float64) @ prototypes.T
    best = sim.argmax(axis=1)
    return [names[int(k)] if sim[i, k] >= threshold else "other" for i, k in enumerate(best)]
