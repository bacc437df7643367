#!/usr/bin/env python3
"""Generate the tracegen seed bank: pipeline/seeds/seeds.jsonl.

Every seed is a simple English instruction (optionally with an input: a short passage, a Markdown
table, a list, a few data points or a code snippet). The seeds are built by combining hand-written
task templates per family with hand-written topics, all written for this project. The script is
deterministic (fixed random seed, Python 3 standard library only, no network): running it twice
gives byte-identical output.

    python3 scripts/make-seeds.py                 # writes pipeline/seeds/seeds.jsonl
    python3 scripts/make-seeds.py --out FILE      # somewhere else
    python3 scripts/make-seeds.py --check         # only verify that the committed file is current

Layout of one line: {"id": "s00001", "family": "writing", "instruction": "...", "input": "..."}
"""

import argparse
import json
import os
import random
import re
import sys
from collections import Counter, defaultdict

RANDOM_SEED = 20241108

# Words reserved for exclusion constraints: a seed must never contain them.
RESERVED = ["basically", "literally", "utilize", "synergy", "leverage", "paradigm", "seamless",
            "robust", "journey", "delve"]

GROUPS = []


def group(family, templates, topics, count, has_input=False):
    """Templates x topics; `count` pairs are drawn so that each topic is used about equally often
    and every (template, topic) pair at most once."""
    GROUPS.append(dict(family=family, templates=templates, topics=topics, count=count,
                       has_input=has_input))


def fixed(family, instructions, has_input=False):
    """Complete hand-written instructions, each used once."""
    GROUPS.append(dict(family=family, templates=None, topics=instructions,
                       count=len(instructions), has_input=has_input))


def generated(family, generators, per_generator):
    """Each generator(rng) returns one instruction; used for maths problems with numbers."""
    GROUPS.append(dict(family=family, templates=None, generators=generators,
                       count=per_generator * len(generators), has_input=False))


# ---------------------------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------------------------
STORY_SCENES = [
    "a lighthouse keeper's last night on duty",
    "the first snowfall in a desert town",
    "a power cut during a family dinner",
    "a street market closing at dusk",
    "a child's first day at a new school",
    "an old fisherman teaching his granddaughter to mend nets",
    "a train that stops in the middle of nowhere",
    "a lost letter finally delivered forty years late",
    "the morning after a big storm in a coastal village",
    "a robot learning to bake bread",
    "a librarian who discovers a book that writes itself",
    "a bakery at four in the morning",
    "two strangers sharing an umbrella at a bus stop",
    "the last day of the summer holidays",
    "a grandfather's old pocket watch",
    "an astronaut's first look back at Earth",
    "a garden that blooms only at night",
    "a city during a total solar eclipse",
    "a musician playing to an empty concert hall",
    "a dog waiting at a train station every evening",
    "a small bookshop about to close forever",
    "moving into a house with a mysterious locked room",
    "a village festival of floating lanterns",
    "a chess game between a grandmother and her grandson",
    "a ferry crossing in thick fog",
    "a beekeeper's busiest week of the year",
    "a snowed-in mountain cabin",
    "a marathon runner's last mile",
    "the night before a big exam",
    "an abandoned amusement park in autumn",
    "a shy dragon who wants to make friends",
    "a mail carrier on a remote island",
    "a kite festival on a windy beach",
    "finding an old map in the attic",
    "a firefighter's quiet night shift",
    "the last tree standing in a city square",
    "a talking parrot that reveals a family secret",
    "an old piano left in a railway station",
    "the first spring rain after a long drought",
    "a cat that rules a busy hotel lobby",
    "a girl who collects sounds in glass jars",
    "a night bus ride across the city",
    "a farmer watching the harvest moon rise",
    "a retired sailor building a ship in a bottle",
    "a time traveller stranded in a medieval market",
    "a wedding interrupted by a thunderstorm",
    "the opening night of a small-town theatre",
    "a boy teaching his grandmother to use a smartphone",
    "a whale that sings a brand new song",
    "a clockmaker who can pause time for one minute a day",
    "a desert caravan setting off at sunrise",
    "a neighbourhood coming together after a flood",
    "a failed experiment that changes a scientist's life",
    "a lonely satellite at the edge of the solar system",
    "the smell of rain on hot pavement",
    "a lost hiker following the stars home",
    "a school talent show that goes wrong",
    "a hot air balloon drifting over vineyards",
    "an ice cream van doing its rounds in midwinter",
    "the day the river froze solid",
    "a tailor sewing a coat for a giant",
    "a penguin who dreams of flying",
    "an elderly couple dancing in their kitchen",
    "the first human settlement on Mars",
    "a shipwreck discovered by schoolchildren",
    "a city where it never stops raining",
    "a night locked inside a natural history museum",
    "a mountain village preparing for winter",
    "a runaway balloon over a crowded stadium",
    "a farewell party for a beloved teacher",
    "a fox visiting a suburban garden at midnight",
    "a detective cat solving the case of the missing sock",
    "the final match of a village football season",
    "a street musician who plays only at midnight",
    "a tiny island with one house and one tree",
    "a midnight picnic under the northern lights",
    "a bicycle that remembers every ride",
    "a storm chaser's closest call",
    "a quiet morning in a monastery kitchen",
    "a family road trip where everything goes wrong",
    "a garden gnome who comes alive after dark",
    "the reopening of an old cinema",
    "an owl keeping watch over a sleeping town",
    "a night market in a busy port city",
    "a violin found in a second-hand shop",
    "a scarecrow who befriends the crows",
    "a lighthouse whose lamp suddenly glows green",
    "a rescue dog finding its forever home",
    "a spaceship crew discovering an ocean planet",
    "the last bus home on New Year's Eve",
    "an inventor's workshop full of strange machines",
    "a cafe where every customer tells a secret",
    "a deep-sea diver meeting a giant squid",
    "a small boat lost at sea for three days",
    "a fire lookout tower in a dry summer",
    "a parade of paper boats down a rainy street",
    "an orchestra tuning up before a concert",
    "a photograph that changes every time you look at it",
    "a grandmother's recipe box found after many years",
    "a carousel that turns by itself at night",
]

group("writing", [
    "Write a short poem about {t}.",
    "Write a short story of about 300 words about {t}.",
    "Write the opening paragraph of a novel that begins with {t}.",
    "Write a diary entry describing {t}.",
    "Write a limerick about {t}.",
    "Write a sequence of three haiku about {t}.",
    "Write a scene of dialogue between two characters about {t}.",
    "Write song lyrics, with a chorus, about {t}.",
    "Write a fairy tale for young children about {t}.",
    "Write a piece of flash fiction under 150 words about {t}.",
    "Describe {t} in one vivid paragraph that appeals to all five senses.",
    "Write a free-verse poem that captures the mood of {t}.",
    "Write a short radio play script about {t}.",
    "Write a bedtime story inspired by {t}.",
], STORY_SCENES, 265)

LETTER_PURPOSES = [
    "a landlord asking for a broken heater to be repaired",
    "a teacher explaining why your child missed two days of school",
    "a neighbour about a noisy late-night party",
    "a colleague thanking them for covering your shift",
    "a customer apologising for a late delivery",
    "a hiring manager following up after an interview",
    "a hotel asking to change your booking dates",
    "an old friend you have not spoken to in years",
    "the local council requesting a new pedestrian crossing",
    "a supplier asking for a quote on office chairs",
    "a professor asking for an extension on an essay",
    "a gym cancelling your membership",
    "a new team member welcoming them to the company",
    "a client declining a project politely",
    "your bank disputing a double charge on your card",
    "a conference organiser proposing a talk",
    "a former manager asking for a reference",
    "your team announcing a change to the weekly meeting schedule",
    "a volunteer group inviting people to a beach clean-up",
    "a restaurant praising a waiter who gave excellent service",
    "an airline asking about lost luggage",
    "other parents organising a school bake sale",
    "a local newspaper responding to an article about parking",
    "a plumber rescheduling an appointment",
    "your book club announcing next month's book",
    "a mentor thanking them after a year of advice",
    "a tenant reminding them that rent is due next week",
    "a museum asking about group tickets for a school class",
    "a software vendor reporting a billing problem",
    "wedding guests asking them to confirm attendance",
]

group("writing", [
    "Write a polite email to {t}.",
    "Write a short, friendly message to {t}.",
    "Draft a formal letter to {t}.",
], LETTER_PURPOSES, 70)

PRODUCTS = [
    "a solar-powered phone charger",
    "a reusable coffee cup that folds flat",
    "a smart plant pot that reminds you to water",
    "a noise-cancelling sleep mask",
    "a bicycle light that projects a lane onto the road",
    "a children's board game about recycling",
    "a waterproof notebook for hikers",
    "a language-learning app for busy commuters",
    "a handmade ceramic teapot",
    "a meal-planning service for students",
    "a collapsible camping lantern",
    "an electric cargo bike for families",
    "a budget tracking spreadsheet template",
    "a subscription box of local snacks",
    "a standing desk converter",
    "a pet camera that tosses treats",
    "a set of bamboo toothbrushes",
    "a portable espresso maker",
    "a weighted blanket for children",
    "a beginner's watercolour kit",
    "a smart doorbell with a built-in parcel box",
    "running shoes made from recycled plastic",
    "an audiobook app for short stories",
    "a compact indoor herb garden",
    "a travel pillow that turns into a hood",
    "a cookbook of fifteen-minute dinners",
    "a digital photo frame for grandparents",
    "a modular bookshelf kit",
    "a heated bird bath for winter",
    "a jigsaw puzzle made from a family photo",
]

group("writing", [
    "Write a product description for {t}.",
    "Write a catchy slogan and a two-sentence tagline for {t}.",
    "Write a customer FAQ with five questions and answers for {t}.",
    "Write a short social media post announcing the launch of {t}.",
    "Write a one-paragraph review of {t} from the point of view of a first-time user.",
    "Write the text for a printed flyer advertising {t}.",
], PRODUCTS, 100)

# ---------------------------------------------------------------------------------------------
# role-play
# ---------------------------------------------------------------------------------------------
ROLES = [
    "a ship's captain in the eighteenth century",
    "a cook in a medieval castle kitchen",
    "a tour guide in ancient Rome",
    "a friendly robot working in a hospital",
    "a zookeeper at a large city zoo",
    "a detective in 1920s London",
    "a Mars rover that has been exploring for ten years",
    "a lighthouse keeper on a remote island",
    "a barista at a busy railway station cafe",
    "a retired astronaut",
    "a knight preparing for a tournament",
    "an old oak tree in a city park",
    "a cheerful museum guard",
    "a pirate who is afraid of water",
    "a head chef during the dinner rush",
    "a mountain rescue volunteer",
    "a wise old owl",
    "a travelling circus acrobat",
    "a radio DJ from the 1960s",
    "a polar research scientist",
    "a street food vendor in Bangkok",
    "a farmer in ancient Egypt",
    "a customer service agent for a space hotel",
    "a dragon guarding a library",
    "a tailor in Victorian London",
    "a goalkeeper before a penalty shootout",
    "a time-travelling historian",
    "a village baker",
    "a forest ranger",
    "a personal trainer from the year 2200",
    "a ghost who haunts a theatre",
    "a teenage inventor",
    "a postal worker in a mountain village",
    "a caretaker at a haunted hotel",
    "a puppet maker",
    "a mission controller at a space agency",
    "a Roman soldier posted on Hadrian's Wall",
    "a nervous first-time stand-up comedian",
    "a sea turtle",
    "a medieval scribe",
    "a grumpy but kind librarian",
    "a hot air balloon pilot",
    "a vet who works on farms",
    "a robot butler learning good manners",
    "a mountain guide in the Himalayas",
]

group("role-play", [
    "Pretend you are {t}. Introduce yourself and describe your typical day.",
    "Role-play as {t} giving a short welcome speech to newcomers.",
    "Act as {t} and write a diary entry about an unusual day.",
    "Imagine you are {t}. Write a letter to your younger self.",
    "Take on the role of {t} and explain your work to a group of schoolchildren.",
    "As {t}, describe the best piece of advice you ever received.",
    "Stay in character as {t} and answer this question: what do you wish people understood about you?",
    "You are {t}. Tell me about the most difficult decision you have had to make.",
], ROLES, 140)

PRACTICE_SITUATIONS = [
    "ordering food in a restaurant in English",
    "a salary negotiation",
    "a job interview for a nursing position",
    "returning a faulty product to a shop",
    "a difficult conversation with a neighbour",
    "asking for directions in an unfamiliar city",
    "a parent-teacher meeting",
    "a doctor's appointment about a persistent cough",
    "checking into a hotel when the booking has gone wrong",
    "pitching a startup idea to an investor",
    "handling a customer complaint over the phone",
    "breaking bad news to my team",
    "a first meeting with a new landlord",
    "an oral language exam",
    "a podcast interview about my hobby",
    "a sales call for a software product",
    "a conversation with a mechanic about car repairs",
    "mediating between two colleagues who disagree",
    "haggling over the price of a used bicycle",
    "a university admissions interview",
    "a press conference after a football match",
    "asking my manager for flexible working hours",
]

group("role-play", [
    "Act as my conversation partner so I can practise {t}. Start the conversation.",
    "Play the other side in a role-play so I can rehearse {t}, and give me feedback at the end.",
    "Let's role-play {t}. You take the other role and keep your replies short.",
], PRACTICE_SITUATIONS, 60)

# ---------------------------------------------------------------------------------------------
# qa
# ---------------------------------------------------------------------------------------------
PLACES = [
    "the Great Barrier Reef", "Machu Picchu", "the Sahara Desert", "Mount Kilimanjaro",
    "the Dead Sea", "Angkor Wat", "the Amazon rainforest", "Lake Baikal", "the Galapagos Islands",
    "the ancient city of Petra", "the Atacama Desert", "the Grand Canyon", "Venice",
    "the Great Wall of China", "Stonehenge", "the Panama Canal", "Yellowstone National Park",
    "the Danube River", "the Rock of Gibraltar", "the Giant's Causeway", "Ha Long Bay",
    "the Serengeti", "Uluru", "the Himalayas", "Easter Island", "the Alhambra in Granada",
    "Table Mountain", "the Dolomites", "the Mekong Delta", "the Norwegian fjords",
]

group("qa", [
    "Where is {t}, and what is it best known for?",
    "What is the history of {t}, in a few sentences?",
    "What should a first-time visitor to {t} know before going?",
    "Why is {t} considered important, and what threats does it face today?",
], PLACES, 60)

ANIMALS = [
    "the red fox", "the African elephant", "the emperor penguin", "the honeybee", "the octopus",
    "the snow leopard", "the blue whale", "the axolotl", "the barn owl", "the koala",
    "the monarch butterfly", "the hedgehog", "the sea otter", "the giant panda",
    "the Komodo dragon", "the Arctic tern", "the platypus", "the orca", "the chameleon",
    "the beaver", "the hummingbird", "the manta ray", "the wolverine", "the three-toed sloth",
    "the narwhal", "the capybara", "the peregrine falcon", "the leatherback turtle",
    "the meerkat", "the pangolin",
]

group("qa", [
    "What does {t} eat, and how does it find its food?",
    "How long does {t} usually live in the wild?",
    "Where does {t} live, and how is it adapted to that habitat?",
    "What is one surprising fact about {t}?",
    "Is {t} endangered, and what are the main threats to it?",
], ANIMALS, 70)

INVENTIONS = [
    "the printing press", "the telephone", "the refrigerator", "the bicycle", "the light bulb",
    "the magnetic compass", "the steam engine", "the microwave oven", "the zip fastener",
    "the electric washing machine", "satellite navigation", "the barcode", "the pencil eraser",
    "the electric battery", "the photographic camera", "the passenger lift", "the radio",
    "the paper clip", "the traffic light", "air conditioning", "the sewing machine",
    "the typewriter", "the mercury thermometer", "the escalator", "the credit card",
    "the jet engine", "the contact lens", "the smoke detector",
]

group("qa", [
    "When was {t} invented, and by whom?",
    "How did {t} change everyday life?",
    "What did people use before {t} existed?",
    "How does {t} work, in simple terms?",
], INVENTIONS, 65)

JOBS = [
    "an air traffic controller", "a marine biologist", "a court stenographer", "a sommelier",
    "a park ranger", "a data analyst", "a midwife", "a conference interpreter",
    "a structural engineer", "a pharmacist", "a museum curator", "a UX designer", "a paramedic",
    "a veterinary nurse", "a wind turbine technician", "a school librarian",
    "a speech and language therapist", "a cartographer", "a guidance counsellor",
    "a recording studio engineer", "an archaeologist", "a commercial beekeeper", "a tax accountant",
    "a dietitian", "a locksmith",
]

group("qa", [
    "What does {t} do on a typical working day?",
    "What skills and qualifications does someone need to become {t}?",
    "What are the hardest parts of working as {t}?",
], JOBS, 55)

# ---------------------------------------------------------------------------------------------
# explanation
# ---------------------------------------------------------------------------------------------
PHENOMENA = [
    "the sky appears blue at noon but red at sunset",
    "ice floats on water",
    "bread goes stale faster in the fridge",
    "we see lightning before we hear thunder",
    "the moon shows phases",
    "cutting onions makes people cry",
    "leaves change colour in autumn",
    "metal feels colder than wood at the same temperature",
    "the ocean is salty but most lakes are not",
    "cats purr",
    "a spoon looks bent in a glass of water",
    "hot air balloons rise",
    "we have seasons",
    "soap removes grease",
    "our ears pop on an aeroplane",
    "soap bubbles are round",
    "a compass needle points north",
    "yawning seems to be contagious",
    "aeroplanes leave white trails in the sky",
    "popcorn pops",
    "stars twinkle but planets usually do not",
    "a boomerang comes back",
    "most coasts have two high tides a day",
    "we get goosebumps",
    "some people are left-handed",
    "fireflies glow",
    "a rainbow forms after rain",
    "cut apples turn brown",
    "people float so easily in the Dead Sea",
    "deserts get cold at night",
    "we cannot tickle ourselves",
    "mirrors seem to swap left and right but not up and down",
    "coffee keeps people awake",
    "glacier ice looks blue",
    "geese fly in a V formation",
    "salt melts ice on roads",
    "a moving bicycle stays upright",
    "the world is divided into time zones",
    "rivers meander across flat land",
    "the Earth has a magnetic field",
    "some volcanoes erupt explosively while others ooze lava",
    "some flowers close at night",
    "we dream",
    "muscles feel sore a day or two after exercise",
    "a pressure cooker cooks food faster",
    "honey keeps for years without spoiling",
    "bats can find insects in the dark",
    "the sea looks green in some places and deep blue in others",
    "fog often forms in valleys in the early morning",
    "a steel ship can float",
    "we need leap years",
    "hair turns grey with age",
    "newborn babies sleep so much",
    "a microwave heats food unevenly",
    "some clouds are white and others are dark grey",
    "plane ticket prices change so often",
    "bees build hexagonal cells",
    "your own voice sounds strange on a recording",
    "a rubber band stretches and snaps back",
    "the northern lights appear mostly near the poles",
]

group("explanation", [
    "Explain why {t}.",
    "Explain to a ten-year-old why {t}.",
    "What is the science behind the fact that {t}?",
    "Give a short, accurate explanation of why {t}, and mention one common misconception about it.",
], PHENOMENA, 150)

CONCEPTS = [
    "compound interest", "the water cycle", "recursion in programming", "supply and demand",
    "natural selection", "inflation", "photosynthesis", "the greenhouse effect",
    "opportunity cost", "machine learning", "public key encryption", "herd immunity",
    "plate tectonics", "the placebo effect", "a blockchain", "the scientific method", "entropy",
    "a credit score", "a food web", "the immune system", "the separation of powers",
    "the stock market", "DNA replication", "gravity", "the domain name system",
    "an index fund", "carbon offsetting", "the circadian rhythm", "the Doppler shift",
    "a black hole", "a carbon sink", "a sound wave", "a simple electric circuit",
    "cognitive dissonance", "a repayment mortgage", "the International System of Units", "vaccination",
    "an operating system", "tidal energy", "soil fertility", "the rule of law",
    "conditional probability", "a government budget deficit", "cloud computing",
    "a randomised controlled trial", "the Pythagorean theorem", "coastal erosion",
    "scientific peer review", "antibiotic resistance", "version control", "the Big Bang theory",
    "a trade deficit", "a neural network", "habit formation", "the US electoral college",
    "fermentation", "osmosis", "the tragedy of the commons", "confirmation bias",
    "an API",
]

group("explanation", [
    "Explain {t} to a complete beginner.",
    "Explain {t} using an everyday analogy.",
    "What is {t}, and where might someone come across it in daily life?",
    "Explain {t} in no more than five sentences.",
    "Write a short explanation of {t} suitable for a secondary-school textbook.",
], CONCEPTS, 160)

# ---------------------------------------------------------------------------------------------
# comparison
# ---------------------------------------------------------------------------------------------
PAIRS = [
    ("weather", "climate"), ("a virus", "a bacterium"), ("renting a home", "buying a home"),
    ("Python", "JavaScript"), ("electric cars", "hybrid cars"), ("a crocodile", "an alligator"),
    ("stocks", "bonds"), ("baking soda", "baking powder"), ("a tornado", "a hurricane"),
    ("SQL databases", "NoSQL databases"), ("a memoir", "an autobiography"),
    ("working from home", "working in an office"), ("tea", "coffee"),
    ("a simile", "a metaphor"), ("mitosis", "meiosis"), ("a debit card", "a credit card"),
    ("classroom learning", "online courses"), ("e-books", "printed books"),
    ("solar power", "wind power"), ("a frog", "a toad"), ("a lake", "a reservoir"),
    ("the word 'affect'", "the word 'effect'"), ("a city bike", "a mountain bike"),
    ("yoga", "pilates"), ("HTTP", "HTTPS"), ("a CV", "a cover letter"),
    ("a comet", "an asteroid"), ("computer memory", "computer storage"),
    ("a monarchy", "a republic"), ("state schools", "private schools"),
    ("a common cold", "influenza"), ("a butterfly", "a moth"), ("classical music", "jazz"),
    ("a laptop", "a desktop computer"), ("LED bulbs", "incandescent bulbs"),
    ("Roman numerals", "Arabic numerals"), ("a cappuccino", "a flat white"),
    ("a sole trader", "a limited company"), ("a rabbit", "a hare"), ("an ocean", "a sea"),
    ("nuclear fission", "nuclear fusion"), ("a novel", "a novella"),
    ("the Arctic", "the Antarctic"), ("speed", "velocity"), ("a marathon", "a triathlon"),
    ("a fixed-rate mortgage", "a variable-rate mortgage"), ("git merge", "git rebase"),
    ("compiled languages", "interpreted languages"), ("empathy", "sympathy"),
    ("a haiku", "a sonnet"), ("a podcast", "a radio show"), ("a museum", "an art gallery"),
    ("cast iron pans", "non-stick pans"), ("a credit union", "a high-street bank"),
    ("a hypothesis", "a theory"), ("a dolphin", "a porpoise"),
    ("leasing a car", "buying a car outright"), ("cross-country skiing", "downhill skiing"),
    ("a smartphone camera", "a mirrorless camera"),
    ("living in a city", "living in the countryside"),
    ("working at a startup", "working at a large corporation"), ("a wiki", "a blog"),
    ("a volcano", "a geyser"), ("a violin", "a viola"),
    ("direct democracy", "representative democracy"), ("introverts", "extroverts"),
    ("TCP", "UDP"), ("sprinting", "long-distance running"),
    ("organic farming", "conventional farming"), ("a will", "a trust"),
]

group("comparison", [
    "Write a short comparison of {a} and {b} for a general reader.",
    "What are the main differences between {a} and {b}?",
    "Compare {a} and {b} in a table with at least four rows.",
    "When would you choose {a} over {b}, and when would you choose the opposite?",
    "Write a short paragraph explaining how {a} and {b} are alike and how they differ.",
    "Give three similarities and three differences between {a} and {b}.",
    "Explain the difference between {a} and {b} to someone who often mixes them up.",
    "Create a quick-reference cheat sheet that contrasts {a} with {b}.",
], [dict(a=a, b=b) for a, b in PAIRS], 230)

# ---------------------------------------------------------------------------------------------
# advice
# ---------------------------------------------------------------------------------------------
SITUATIONS = [
    "keeps putting off work on a big project",
    "feels nervous before speaking in public",
    "wants to spend less on groceries",
    "struggles to fall asleep at night",
    "has just moved to a city where they know nobody",
    "wants to ask for a pay rise",
    "is starting their first job next week",
    "feels overwhelmed by email at work",
    "wants to start running but has never exercised",
    "is learning a new language as an adult",
    "shares a flat with someone who never cleans up",
    "wants to reduce their screen time",
    "is preparing for a job interview in a new field",
    "is caring for an elderly parent while working full time",
    "wants to get better at saying no",
    "has received harsh feedback from a manager",
    "is choosing between two university offers",
    "wants to grow vegetables on a small balcony",
    "keeps losing their keys and wallet",
    "wants to make new friends after retiring",
    "has a child who refuses to read",
    "is planning to adopt a rescue dog",
    "wants to become a better listener",
    "feels stuck in a job they no longer enjoy",
    "is going to their first music festival",
    "wants to cut down on sugar",
    "is managing a team for the first time",
    "is nervous about driving on motorways",
    "wants to keep a journal but never sticks with it",
    "is moving abroad for work",
    "has had an argument with a close friend",
    "wants to write a novel but does not know where to start",
    "pays for too many subscriptions they do not use",
    "is travelling alone for the first time",
    "wants to study more effectively for exams",
    "has a noisy upstairs neighbour",
    "wants to buy a used car",
    "finds it hard to concentrate while working from home",
    "wants to learn to cook simple meals",
    "has been asked to give a toast at a wedding",
    "wants to start investing with a small amount of money",
    "keeps buying clothes they never wear",
    "is starting university far from home",
    "wants to take up birdwatching",
    "is returning to work after parental leave",
    "feels anxious about making phone calls",
    "wants to declutter a small apartment",
    "has more tasks than hours in the day",
    "wants to negotiate a lower rent",
    "is teaching a teenager to drive",
    "wants to make their home more environmentally friendly",
    "is nervous about going on a first date in years",
    "wants to improve their handwriting",
    "is organising a surprise party for a friend",
    "has trouble remembering people's names",
    "is filing the first tax return for a small business",
    "wants to spend less time commuting",
    "worries that they talk too much in meetings",
    "wants to grow houseplants from cuttings",
    "is considering a career change at forty",
    "wants to read more books this year",
    "often forgets to drink enough water",
    "is setting up a home office on a budget",
    "checks their phone as soon as they wake up",
    "has a colleague who takes credit for their work",
    "is training for a first long-distance cycle ride",
    "has a child who is afraid of the dark",
    "spends too much money on takeaway food",
    "wants their mornings to feel less rushed",
    "has been offered a promotion that means relocating",
]

group("advice", [
    "What advice would you give to someone who {t}?",
    "Give five practical tips for a person who {t}.",
    "Write a short, kind message of advice to a friend who {t}.",
    "Suggest a step-by-step approach for someone who {t}.",
    "What questions should a person who {t} ask themselves before deciding what to do?",
    "Give honest, balanced advice to someone who {t}, including one thing they should avoid.",
    "Write a short pep talk for someone who {t}.",
    "What would a wise mentor say to a young person who {t}?",
], SITUATIONS, 230)

# ---------------------------------------------------------------------------------------------
# planning
# ---------------------------------------------------------------------------------------------
GOALS = [
    "train for a first 10 km run",
    "move to a new city within three months",
    "learn basic Spanish before a holiday",
    "renovate a small bathroom on a tight budget",
    "launch a small online shop selling handmade candles",
    "prepare for a driving test",
    "organise a neighbourhood litter pick",
    "write and self-publish a short e-book",
    "pay off a credit card balance",
    "host a dinner party for ten people",
    "set up and maintain a community garden",
    "learn to play the guitar",
    "run a school fundraising fair",
    "get a house ready for sale",
    "cut a household's energy bill",
    "start a podcast about local history",
    "plan a one-week trip to Japan on a budget",
    "study for a professional certification while working",
    "organise a family reunion",
    "switch careers into web development",
    "set up a book club at work",
    "build an emergency fund",
    "prepare a home for a new puppy",
    "learn to swim as an adult",
    "run a charity bake sale",
    "organise a weekend hiking trip for a group of friends",
    "clear out and reorganise a garage",
    "complete a first sprint triathlon",
    "move a small office to a new building",
    "launch an email newsletter for a small business",
    "teach a child to ride a bike",
    "plan a small wedding for fifty guests",
    "create a personal website to show a portfolio",
    "read twelve books over the summer",
    "learn basic first aid",
    "run a coding workshop for teenagers",
    "set up a weekly meal-prep routine",
    "apply to graduate school",
    "prepare a garden for winter",
    "organise a charity five-a-side football tournament",
    "digitise a family photo collection",
    "learn to bake sourdough bread",
    "open a coffee cart at a weekend market",
    "visit every national park in one region over a year",
    "get ready for a first camping trip with children",
    "improve a personal credit score",
    "write a thesis over one academic year",
    "organise a community film night",
    "prepare for an interview at a large company",
    "volunteer abroad for three months",
]

group("planning", [
    "Create a week-by-week plan to {t}.",
    "Make a step-by-step plan to {t}, with a rough timeline.",
    "What are the first five things I should do if I want to {t}?",
    "Draft a checklist for someone who wants to {t}.",
    "Plan a realistic weekly schedule for a busy person who wants to {t}.",
    "Identify the main risks in a plan to {t} and suggest how to reduce each one.",
    "Break down the goal to {t} into milestones, and say how to tell when each one is reached.",
    "Estimate the time and money needed to {t}, and explain your assumptions.",
], GOALS, 220)

# ---------------------------------------------------------------------------------------------
# brainstorming
# ---------------------------------------------------------------------------------------------
IDEA_OCCASIONS = [
    "a team-building day for a remote team",
    "a school science fair project",
    "a birthday party for a seven-year-old",
    "a community event in a small town",
    "a rainy weekend with young children",
    "a fundraising event for an animal shelter",
    "a first date that is not dinner and a movie",
    "a small business's social media posts in December",
    "a library's summer reading programme",
    "a retirement gift for a colleague",
    "reducing food waste in a school canteen",
    "a short film that can be shot in one afternoon",
    "decorating a tiny rented apartment",
    "a youth club's weekly activities",
    "making a long car ride fun",
    "a garden that attracts pollinators",
    "a family game night",
    "a museum exhibition about everyday objects",
    "a new ice cream flavour",
    "celebrating a team's successful product launch",
    "a local festival that celebrates the river",
    "a podcast episode about healthy habits",
    "a mobile app that helps neighbours share tools",
    "a classroom display about the solar system",
    "a zero-waste picnic",
    "a charity fun run with a theme",
    "a wedding favour that guests will actually use",
    "an escape room puzzle set in a library",
    "a sustainable fashion show at a university",
    "a weekend project using old wooden pallets",
    "a cooking class for people who have never cooked",
    "a welcome pack for new employees",
    "a bookshop window display in autumn",
    "a board game set under the ocean",
    "a staff wellbeing week",
    "a mural for a primary school playground",
    "a homemade holiday card",
    "a trivia night for a sports club",
    "an outdoor maths lesson",
    "the first ten posts of a travel blog",
]

group("brainstorming", [
    "Brainstorm ten creative ideas for {t}.",
    "List eight unusual but practical ideas for {t}.",
    "Come up with five themes for {t}, each with a one-line description.",
    "Suggest some low-cost ideas for {t}.",
    "Brainstorm twenty quick ideas for {t}, then pick the best three and explain why.",
], IDEA_OCCASIONS, 130)

NAMING_SUBJECTS = [
    "a cafe run by retired librarians",
    "a podcast about urban wildlife",
    "a dog-walking business",
    "a hiking club for beginners",
    "a children's science magazine",
    "a bakery that only sells bread",
    "a mobile app for tracking houseplants",
    "a community choir",
    "a bicycle repair shop",
    "a fantasy kingdom in a novel",
    "a robot vacuum cleaner",
    "a chess club at a secondary school",
    "a line of hot sauces",
    "a second-hand bookshop",
    "a cleaning company that uses only green products",
    "a newsletter about personal finance",
    "a rescued tabby cat",
    "a tabletop role-playing campaign",
    "a food truck selling dumplings",
    "a yoga studio by the sea",
    "a maths tutoring service",
    "a family sailing boat",
    "a craft beer brewed with honey",
    "a startup that delivers groceries by bike",
    "a charity that plants trees",
    "a video game about a lost astronaut",
    "a music festival held in a forest",
    "a reading app for young children",
    "a homemade candle business",
    "a weekly local history walk",
    "a school robotics team",
    "a pottery studio",
    "a coworking space in a small town",
    "a band that plays sea shanties",
    "a vegetarian street food stall",
]

group("brainstorming", [
    "Suggest ten possible names for {t}, with a short reason for each.",
    "Come up with a catchy name and a tagline for {t}.",
    "List five easy-to-remember, easy-to-spell names for {t}.",
], NAMING_SUBJECTS, 100)

# ---------------------------------------------------------------------------------------------
# persuasion
# ---------------------------------------------------------------------------------------------
MOTIONS = [
    "cities should ban cars from their centres",
    "school uniforms should be optional",
    "homework should be limited in primary schools",
    "public libraries deserve more funding",
    "every child should learn to swim at school",
    "the voting age should be lowered to sixteen",
    "remote work is better for most office workers",
    "zoos do more good than harm",
    "fast fashion should be taxed",
    "single-use plastic bags should be banned",
    "museums should be free to enter",
    "video games can be a valuable part of education",
    "a four-day working week would benefit employers",
    "public transport should be free in large cities",
    "cooking should be a compulsory school subject",
    "tourists should pay a nightly tax in popular cities",
    "smartphones should not be allowed in classrooms",
    "empty city lots should become community gardens",
    "children should learn personal finance at school",
    "clocks should stop changing for summer time",
    "companies should publish salary ranges in job adverts",
    "secondary schools should start later in the morning",
    "cycle lanes are worth the loss of parking spaces",
    "space exploration is worth the cost",
    "old buildings should be renovated rather than demolished",
    "social media platforms should verify users' ages",
    "a gap year before university is worthwhile",
    "restaurants should list calories on their menus",
    "every town needs a public swimming pool",
    "pets should be allowed in offices",
    "national parks should limit the number of daily visitors",
    "every pupil should learn a musical instrument",
    "towns should plant trees instead of building car parks",
    "students should be able to give feedback on their teachers",
    "electric scooters should be allowed on pavements",
    "large shops should close on Sundays",
    "cash should remain accepted everywhere",
    "primary schools should teach coding",
    "top professional athletes are paid too much",
    "recycling should be compulsory for every household",
    "reality television does more harm than good",
    "university tuition should be free for all students",
    "children should spend more of the school day playing outdoors",
    "public spaces should offer free drinking water",
    "workers should have the right to ignore work messages after hours",
    "toys should carry an environmental impact label",
    "local councils should support repair cafes",
    "final exams should be replaced by continuous assessment",
    "car adverts should carry climate warnings",
    "handwriting should still be taught in schools",
    "neighbourhoods need many small parks rather than one large one",
    "boarding passes and tickets should always be available on paper",
]

group("persuasion", [
    "Write a persuasive essay arguing that {t}.",
    "Write a short opening statement for a debate on the motion that {t}.",
    "Give the three strongest arguments against the claim that {t}.",
    "Write a balanced opinion piece on whether {t}.",
    "Write a one-minute speech for a school assembly arguing that {t}.",
    "Write a letter to the editor of a local newspaper arguing that {t}.",
    "Summarise the main arguments on both sides of the question of whether {t}.",
    "Write a persuasive social media post of under 100 words arguing that {t}.",
], MOTIONS, 210)

# ---------------------------------------------------------------------------------------------
# education
# ---------------------------------------------------------------------------------------------
SCHOOL_TOPICS = [
    "the causes of the First World War", "fractions and decimals", "the planets of the solar system",
    "the human digestive system", "the Roman Empire", "solids, liquids and gases",
    "the French Revolution", "how plants make food from sunlight", "basic probability",
    "the structure of a cell", "volcanoes and earthquakes", "the parts of speech in English",
    "daily life in ancient Egypt", "levers, pulleys and other simple machines",
    "renewable and non-renewable energy", "the periodic table", "industrial Britain in the nineteenth century",
    "food chains in a pond", "map reading and grid references", "Shakespeare's Romeo and Juliet",
    "the rights and duties of citizens", "magnets and magnetic fields", "bones and joints",
    "percentages", "the Silk Road", "rainforest ecosystems", "series and parallel circuits",
    "the life cycle of a butterfly", "the first moon landing", "the haiku and the limerick",
    "healthy eating and nutrition", "how computer networks work", "igneous, sedimentary and metamorphic rocks",
    "the sinking of the Titanic", "negative numbers", "the history of writing systems",
    "major world religions and their festivals", "the causes of climate change",
    "area and perimeter", "the Vikings", "how we hear sound", "markets and prices",
    "the ancient Olympic Games", "weather fronts and forecasting", "persuasive writing techniques",
    "the human heart", "the Renaissance", "coordinate geometry", "plastic pollution in the oceans",
    "the water cycle",
]

group("education", [
    "Create a ten-question multiple-choice quiz about {t}, with an answer key.",
    "Write a 45-minute lesson plan that introduces {t} to secondary school students.",
    "Design a hands-on classroom activity that teaches {t}.",
    "Write five open discussion questions about {t} for a class of fifteen-year-olds.",
    "Create a set of ten flashcards, each with a term and a definition, covering {t}.",
    "Write a short reading-comprehension text about {t}, followed by three questions.",
    "List the key vocabulary a student needs to understand {t}, with a definition for each word.",
    "Write an exam-style question about {t} and a model answer.",
], SCHOOL_TOPICS, 200)

# ---------------------------------------------------------------------------------------------
# coding
# ---------------------------------------------------------------------------------------------
CODING_TASKS = [
    "checks whether a string is a palindrome",
    "returns the n-th Fibonacci number",
    "removes duplicate values from a list while keeping their order",
    "counts how often each word appears in a text",
    "converts a temperature from Celsius to Fahrenheit",
    "merges two sorted lists into one sorted list",
    "checks that an email address has a plausible format",
    "finds the second largest number in an array",
    "reverses the order of the words in a sentence",
    "checks whether two strings are anagrams of each other",
    "flattens a nested list of any depth",
    "converts a Roman numeral to an integer",
    "returns the greatest common divisor of two numbers",
    "rotates a square matrix by 90 degrees clockwise",
    "finds the longest common prefix of a list of strings",
    "groups a list of records by the value of a given field",
    "computes the moving average of a list of numbers",
    "checks whether a year is a leap year",
    "formats a number of seconds as hours, minutes and seconds",
    "splits a list into chunks of a given size",
    "finds all prime numbers below a limit",
    "parses a URL query string into key-value pairs",
    "capitalises the first letter of every word in a title",
    "computes the median of a list of numbers",
    "checks whether the brackets in an expression are balanced",
    "converts a decimal number to its binary representation",
    "finds the most frequent element in a list",
    "calculates the Levenshtein distance between two strings",
    "generates a random password of a given length",
    "returns the elements that appear in both of two lists",
    "performs a binary search on a sorted array",
    "calculates the final balance of a savings account with compound interest",
    "truncates a string to a maximum length and adds an ellipsis",
    "converts a snake_case identifier to camelCase",
    "counts the vowels in a string",
    "checks whether a number is a perfect square",
    "computes the factorial of a number without recursion",
    "sorts a list of people by age and then by name",
    "removes all whitespace from a string",
    "detects whether a linked list contains a cycle",
    "returns the sum of the digits of an integer",
    "calculates the distance between two points on a plane",
    "finds the first character in a string that does not repeat",
    "transposes a matrix",
    "returns the k largest elements of a list",
    "masks all but the last four digits of a card number",
    "checks whether a row of a sudoku grid is valid",
    "finds the length of the longest increasing subsequence of a list",
    "counts the islands in a grid of zeros and ones",
    "shuffles a list reproducibly using a fixed random seed",
    "returns the day of the week for a given date",
    "calculates the area of a polygon from the coordinates of its corners",
    "compresses a string using run-length encoding",
    "checks whether a password meets some basic strength rules",
    "rounds a price to the nearest five cents",
    "finds all pairs of numbers in a list that add up to a target",
    "counts the lines, words and characters in a text file",
    "converts a hexadecimal colour code to RGB values",
    "checks whether a string contains only digits",
    "returns the longest word in a sentence",
]

group("coding", [
    "Write a Python function that {t}.",
    "In JavaScript, write a function that {t}, and show one example call.",
    "Implement a Java method that {t}, with a short Javadoc comment.",
    "Write a Go function that {t}, together with a small table-driven test.",
    "Write a function in any language that {t}, and explain its time complexity.",
    "Using Rust, write a function that {t}, returning a Result or an Option where that makes sense.",
    "Write a C function that {t}, and explain how it handles memory and edge cases.",
    "Write pseudocode for an algorithm that {t}.",
], CODING_TASKS, 170)

PROGRAMMING_TOPICS = [
    "recursion", "unit testing", "branches in git", "exceptions and error handling",
    "regular expressions", "asynchronous programming", "hash maps", "SQL joins",
    "inheritance in object-oriented programming", "dependency injection", "caching",
    "application logging", "REST APIs", "type hints in Python", "database indexes",
    "code reviews", "environment variables", "memoisation", "immutable data structures",
    "pagination in web APIs", "race conditions", "semantic versioning",
    "continuous integration", "anonymous functions", "the observer design pattern",
    "floating-point arithmetic", "big-O notation", "Docker containers", "feature flags",
    "Unicode and text encodings",
]

group("coding", [
    "Explain {t} with a short code example in any language.",
    "What are the most common mistakes beginners make with {t}?",
    "Write a short tutorial on {t} for new programmers.",
    "When should a developer use {t}, and when is it better avoided?",
], PROGRAMMING_TOPICS, 80)

BUGGY_SNIPPETS = [
    dict(lang="Python", about="averaging a list of scores", input='''def average(scores):
    total = 0
    for s in scores:
        total += s
    return total / len(scores) - 1'''),
    dict(lang="Python", about="finding the largest number in a list", input='''def largest(numbers):
    best = 0
    for n in numbers:
        if n > best:
            best = n
    return best'''),
    dict(lang="JavaScript", about="summing the even numbers in an array", input='''function sumEven(values) {
  let sum = 0;
  for (let i = 0; i <= values.length; i++) {
    if (values[i] % 2 === 0) sum += values[i];
  }
  return sum;
}'''),
    dict(lang="Java", about="reversing a string", input='''static String reverse(String s) {
    String out = "";
    for (int i = s.length(); i >= 0; i--) {
        out += s.charAt(i);
    }
    return out;
}'''),
    dict(lang="Python", about="counting words in a sentence", input='''def count_words(text):
    counts = {}
    for word in text.split(" "):
        counts[word] = counts.get(word, 1) + 1
    return counts'''),
    dict(lang="SQL", about="listing customers with no orders", input='''SELECT c.name
FROM customers c
JOIN orders o ON o.customer_id = c.id
WHERE o.id IS NULL;'''),
    dict(lang="JavaScript", about="checking whether a value is in a list", input='''function contains(list, value) {
  list.forEach(item => {
    if (item === value) return true;
  });
  return false;
}'''),
    dict(lang="Python", about="appending items to a default list", input='''def add_item(item, items=[]):
    items.append(item)
    return items

print(add_item("apple"))
print(add_item("pear"))'''),
    dict(lang="C", about="copying a string into a buffer", input='''void copy(char *dst, const char *src) {
    int i = 0;
    while (src[i] != '\\0') {
        dst[i] = src[i];
        i++;
    }
}'''),
    dict(lang="Python", about="computing a percentage discount", input='''def discounted_price(price, percent):
    return price - price * percent // 100

print(discounted_price(19.99, 15))'''),
    dict(lang="Java", about="comparing two user names", input='''boolean sameUser(String a, String b) {
    if (a == b) {
        return true;
    }
    return false;
}'''),
]

group("coding", [
    "Find and fix the bug in the following {lang} code for {about}.",
    "The following {lang} code for {about} gives wrong results. Explain why and correct it.",
    "Review the following {lang} code for {about} and point out any bugs or unhandled edge cases.",
], BUGGY_SNIPPETS, 26, has_input=True)

GOOD_SNIPPETS = [
    dict(lang="Python", about="grouping words by their first letter", other="JavaScript", input='''from collections import defaultdict

def group_by_initial(words):
    groups = defaultdict(list)
    for w in words:
        if w:
            groups[w[0].lower()].append(w)
    return dict(groups)'''),
    dict(lang="JavaScript", about="debouncing a function call", other="Python", input='''function debounce(fn, waitMs) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), waitMs);
  };
}'''),
    dict(lang="Python", about="reading a CSV file of expenses", other="Java", input='''import csv

def total_by_category(path):
    totals = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            cat = row["category"]
            totals[cat] = totals.get(cat, 0.0) + float(row["amount"])
    return totals'''),
    dict(lang="Java", about="checking a simple bank withdrawal", other="Python", input='''public boolean withdraw(long amountCents) {
    if (amountCents <= 0) {
        throw new IllegalArgumentException("amount must be positive");
    }
    if (amountCents > balanceCents) {
        return false;
    }
    balanceCents -= amountCents;
    return true;
}'''),
    dict(lang="SQL", about="finding the top five products by revenue", other="Python with pandas", input='''SELECT p.name, SUM(o.quantity * o.unit_price) AS revenue
FROM order_lines o
JOIN products p ON p.id = o.product_id
GROUP BY p.name
ORDER BY revenue DESC
LIMIT 5;'''),
    dict(lang="Python", about="retrying a flaky network call", other="Go", input='''import time

def with_retries(call, attempts=3, delay=0.5):
    for i in range(attempts):
        try:
            return call()
        except ConnectionError:
            if i == attempts - 1:
                raise
            time.sleep(delay * (2 ** i))'''),
    dict(lang="Go", about="counting lines in a file", other="Python", input='''func countLines(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		n++
	}
	return n, sc.Err()
}'''),
    dict(lang="JavaScript", about="formatting a price for display", other="Java", input='''function formatPrice(cents, currency = "EUR") {
  const amount = (cents / 100).toFixed(2);
  return currency === "EUR" ? amount + " EUR" : currency + " " + amount;
}'''),
    dict(lang="Python", about="building a simple word frequency chart", other="Rust", input='''def bar_chart(counts, width=40):
    top = max(counts.values())
    for word, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        bar = "#" * round(n / top * width)
        print(f"{word:>12} {bar} {n}")'''),
    dict(lang="Bash", about="backing up a folder with a date stamp", other="Python", input='''#!/bin/sh
src="$HOME/documents"
dest="/mnt/backup/documents-$(date +%Y-%m-%d).tar.gz"
tar -czf "$dest" -C "$(dirname "$src")" "$(basename "$src")"
echo "saved $dest"'''),
    dict(lang="Java", about="loading settings from a properties file", other="Python", input='''static Properties load(Path file) throws IOException {
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
        props.load(in);
    }
    return props;
}'''),
    dict(lang="Python", about="validating a form submission", other="TypeScript", input='''def validate(form):
    errors = []
    if not form.get("name", "").strip():
        errors.append("name is required")
    age = form.get("age")
    if age is not None and not str(age).isdigit():
        errors.append("age must be a whole number")
    return errors'''),
    dict(lang="Rust", about="summing the numbers in a text", other="Python", input='''fn sum_numbers(text: &str) -> i64 {
    text.split_whitespace()
        .filter_map(|w| w.parse::<i64>().ok())
        .sum()
}'''),
    dict(lang="TypeScript", about="filtering overdue library loans", other="Python", input='''interface Loan { title: string; due: Date; returned: boolean }

function overdue(loans: Loan[], today: Date): Loan[] {
  return loans.filter(l => !l.returned && l.due < today);
}'''),
]

group("coding", [
    "Explain what the following {lang} code for {about} does, line by line.",
    "Write unit tests for the following {lang} code for {about}.",
    "Rewrite the following {lang} code for {about} in {other}.",
    "Add comments and documentation to the following {lang} code for {about}.",
    "What is the time and space complexity of this {lang} code for {about}? Explain briefly.",
], GOOD_SNIPPETS, 44, has_input=True)

# ---------------------------------------------------------------------------------------------
# maths
# ---------------------------------------------------------------------------------------------
NAMES = ["Amara", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Isla", "Jonas",
         "Kemi", "Luca", "Maya", "Nikhil", "Olivia", "Pablo", "Rosa", "Sami", "Tara", "Yusuf"]


def _two_names(rng):
    a, b = rng.sample(NAMES, 2)
    return a, b


def m_shopping(rng):
    name = rng.choice(NAMES)
    a, b = rng.randint(2, 6), rng.randint(2, 9)
    item1, item2 = rng.choice([("notebooks", "pens"), ("apples", "bananas"), ("tickets", "programmes"),
                               ("postcards", "stamps"), ("bread rolls", "croissants")])
    p, q = rng.choice([1.25, 1.5, 2.4, 3.75, 0.8]), rng.choice([0.45, 0.6, 0.9, 1.1])
    note = 20 if a * p + b * q < 20 else 50
    return (f"{name} buys {a} {item1} at ${p:.2f} each and {b} {item2} at ${q:.2f} each. "
            f"How much change does {name} get from a ${note} note?")


def m_speed(rng):
    who = rng.choice(["A cyclist", "A runner", "A ferry", "A delivery van", "A hiker", "A rowing crew"])
    d = rng.randint(12, 95) if who not in ("A runner", "A hiker", "A rowing crew") else rng.randint(8, 30)
    h, m = rng.randint(1, 3), rng.choice([10, 15, 20, 40, 45, 50])
    return (f"{who} covers {d} km in {h} hours and {m} minutes. "
            f"What is the average speed in km/h, to one decimal place?")


def m_recipe(rng):
    dish = rng.choice(["pancakes", "a vegetable curry", "a lemon cake", "a tomato soup",
                       "banana bread", "a fruit crumble", "flatbreads"])
    s, t = rng.choice([(4, 6), (4, 10), (6, 9), (2, 5), (8, 3), (6, 15)])
    g, e = rng.choice([200, 250, 300, 350]), rng.randint(2, 4)
    return (f"A recipe for {dish} serves {s} people and uses {g} g of flour and {e} eggs. "
            f"How much of each is needed to serve {t} people, and how would you round the eggs?")


def m_discount(rng):
    item = rng.choice(["winter coat", "pair of headphones", "bicycle helmet", "sofa", "tennis racket",
                       "coffee machine", "desk lamp", "rucksack"])
    p, r = rng.choice([48, 65, 80, 120, 249, 360]), rng.choice([15, 20, 25, 30, 35, 40])
    return (f"A {item} costs ${p} and is reduced by {r}% in a sale. "
            f"What is the sale price, and how much money is saved?")


def m_work(rng):
    a, b = _two_names(rng)
    task = rng.choice(["paint a fence", "weed a garden", "sort a box of letters", "assemble a bookcase",
                       "clean a classroom", "wash a car"])
    x, y = rng.choice([(3, 6), (4, 12), (2, 3), (5, 20), (6, 3), (10, 15)])
    return (f"{a} can {task} in {x} hours and {b} can do the same job in {y} hours. "
            f"How long will it take them if they work together?")


def m_ages(rng):
    while True:
        y, k, n = rng.randint(4, 15), rng.randint(3, 5), rng.randint(2, 20)
        if (k * y + n) % (y + n) == 0 and (k * y + n) // (y + n) >= 2:
            m = (k * y + n) // (y + n)
            break
    older, younger = rng.choice([("mother", "her son"), ("father", "his daughter"),
                                 ("aunt", "her nephew"), ("grandfather", "his grandson"),
                                 ("coach", "her youngest player")])
    times = {2: "twice", 3: "three times", 4: "four times", 5: "five times"}
    return (f"A {older} is {times[k]} as old as {younger}. In {n} years' time, the {older} will be "
            f"{times[m]} as old as {younger}. How old is each of them now?")


def m_path(rng):
    shape = rng.choice(["garden", "swimming pool", "lawn", "car park", "playground", "pond"])
    l, w, p = rng.randint(8, 40), rng.randint(5, 25), rng.choice([0.5, 1, 1.5, 2])
    return (f"A rectangular {shape} is {l} m long and {w} m wide. A path {p} m wide runs around "
            f"its outside edge. What is the area of the path?")


def m_interest(rng):
    name = rng.choice(NAMES)
    pr, r, n = rng.choice([500, 1200, 2500, 4000, 10000]), rng.choice([2, 3, 3.5, 4, 5, 6]), rng.randint(3, 12)
    return (f"{name} invests ${pr} at {r}% annual interest, compounded yearly. "
            f"How much is the investment worth after {n} years, and how much of that is interest?")


def m_marbles(rng):
    r, b, g = rng.randint(2, 8), rng.randint(2, 8), rng.randint(1, 6)
    colour = rng.choice(["red", "blue", "green"])
    thing = rng.choice(["marbles", "counters", "sweets", "beads"])
    return (f"A bag contains {r} red, {b} blue and {g} green {thing}. Two are taken out without "
            f"replacement. What is the probability that both are {colour}?")


def m_simultaneous(rng):
    x, y = rng.randint(-5, 9), rng.randint(-4, 9)
    a, b, d, e = rng.randint(1, 6), rng.randint(1, 6), rng.randint(1, 6), rng.randint(1, 6)
    c = lambda k, v: v if k == 1 else f"{k}{v}"
    return (f"Solve the simultaneous equations {c(a, 'x')} + {c(b, 'y')} = {a * x + b * y} and "
            f"{c(d, 'x')} - {c(e, 'y')} = {d * x - e * y}, and check your answer.")


def m_glasses(rng):
    container = rng.choice(["jug", "water cooler", "punch bowl", "flask", "bottle of juice", "urn"])
    v, cup = rng.choice([1.5, 2, 2.5, 5, 12, 18]), rng.choice([150, 180, 200, 250, 330])
    return (f"A {container} holds {v} litres. How many {cup} ml glasses can be filled from it, "
            f"and how much is left over?")


def m_cinema(rng):
    h, mm = rng.randint(1, 9), rng.choice(["05", "15", "25", "40", "50"])
    d, c = rng.randint(95, 175), rng.choice([20, 30, 45])
    event = rng.choice(["film", "concert", "play", "football match", "lecture"])
    return (f"A {event} starts at {h}:{mm} pm and lasts {d} minutes. The car park closes {c} minutes "
            f"after it ends. At what time does the car park close?")


def m_average(rng):
    name = rng.choice(NAMES)
    scores = [rng.randint(55, 95) for _ in range(rng.randint(4, 6))]
    target = min(95, sum(scores) // len(scores) + rng.randint(2, 6))
    subject = rng.choice(["history", "chemistry", "maths", "French", "biology", "geography"])
    return (f"{name}'s {subject} test scores so far are {', '.join(map(str, scores))}. What score is "
            f"needed on the next test to raise the average to {target}?")


def m_ratio(rng):
    a, b = _two_names(rng)
    x, y = rng.choice([(2, 3), (3, 5), (1, 4), (5, 7), (4, 5), (3, 7)])
    total = (x + y) * rng.randint(20, 150)
    what = rng.choice(["a prize of", "a bill of", "profits of", "an inheritance of"])
    return f"{a} and {b} share {what} ${total} in the ratio {x}:{y}. How much does each person get?"


def m_fuel(rng):
    vehicle = rng.choice(["car", "camper van", "motorbike", "minibus"])
    f, d, p = rng.choice([4.8, 5.5, 6.2, 7.5, 9.0, 11.5]), rng.randint(120, 900), rng.choice([1.59, 1.72, 1.85, 1.94])
    return (f"A {vehicle} uses {f} litres of fuel per 100 km. How much will the fuel cost for a "
            f"{d} km trip if fuel costs ${p} per litre?")


def m_quadratic(rng):
    r1, r2 = rng.randint(-9, 9), rng.randint(-9, 9)
    b, c = -(r1 + r2), r1 * r2
    bs = f"+ {b}x" if b > 0 else (f"- {-b}x" if b < 0 else "")
    bs = bs.replace(" 1x", " x")
    cs = f"+ {c}" if c > 0 else (f"- {-c}" if c < 0 else "")
    eq = " ".join(p for p in ["x^2", bs, cs] if p)
    return f"Find the roots of {eq} = 0 by factorising, and check them by substitution."


generated("maths", [m_shopping, m_speed, m_recipe, m_discount, m_work, m_ages, m_path, m_interest,
                    m_marbles, m_simultaneous, m_glasses, m_cinema, m_average, m_ratio, m_fuel,
                    m_quadratic], 8)

MATHS_SKILLS = [
    "add fractions with different denominators", "find the area of a trapezium",
    "calculate a percentage increase", "solve a quadratic equation by factorising",
    "turn a recurring decimal into a fraction", "find the mean, median and mode of a data set",
    "calculate simple interest", "work out the probability of two independent events",
    "find the gradient of a straight line", "simplify an algebraic expression",
    "use Pythagoras' theorem to find a missing side", "calculate the volume of a cylinder",
    "divide a quantity in a given ratio", "estimate a square root without a calculator",
    "solve a pair of simultaneous equations", "convert between metric units of length",
    "find the lowest common multiple of two numbers", "round numbers to significant figures",
    "expand double brackets", "find the circumference of a circle",
    "rearrange the formula linking speed, distance and time", "add and subtract negative numbers",
    "find the nth term of an arithmetic sequence", "work out the missing angle in a triangle",
    "write a number in standard form", "find the interquartile range of a data set",
    "calculate a reverse percentage", "differentiate a simple polynomial",
    "estimate the area under a curve with the trapezium rule", "multiply two-digit numbers mentally",
    "read and interpret a box plot", "calculate a weighted average", "solve a linear inequality",
    "convert a fraction to a percentage", "complete the square of a quadratic expression",
]

group("maths", [
    "Explain how to {t}, with a worked example.",
    "Write a step-by-step guide on how to {t}, for a student who finds maths difficult.",
    "What mistakes do students often make when they {t}?",
    "Create three practice problems that require students to {t}, with answers.",
], MATHS_SKILLS, 90)


def _series(rng, base, spread, n, decimals=0):
    vals = [base + rng.uniform(-spread, spread) for _ in range(n)]
    return [round(v, decimals) if decimals else int(round(v)) for v in vals]


def maths_datasets():
    rng = random.Random(RANDOM_SEED + 7)
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    out = []

    def labelled(labels, values, unit=""):
        return "\n".join(f"{l}: {v}{unit}" for l, v in zip(labels, values))

    out.append(dict(about="daily high temperatures in degrees Celsius for one week in Lisbon",
                    input=labelled(days, _series(rng, 22, 4, 7))))
    out.append(dict(about="monthly rainfall in millimetres for a year in a coastal town",
                    input=labelled(months, _series(rng, 70, 45, 12))))
    out.append(dict(about="number of visitors to a small museum on each day of one week",
                    input=labelled(days, _series(rng, 340, 120, 7))))
    out.append(dict(about="weekly sales of a bakery's sourdough loaves over ten weeks",
                    input=labelled([f"Week {i}" for i in range(1, 11)], _series(rng, 180, 40, 10))))
    out.append(dict(about="times in seconds of eight runners in a 400 m race",
                    input=", ".join(str(v) for v in _series(rng, 58, 6, 8, 1))))
    out.append(dict(about="monthly electricity use in kWh for one household",
                    input=labelled(months, _series(rng, 260, 90, 12))))
    out.append(dict(about="heights in centimetres of twelve sunflower plants after six weeks",
                    input=", ".join(str(v) for v in _series(rng, 95, 30, 12))))
    out.append(dict(about="number of downloads of a mobile app in each of the last eight months",
                    input=labelled(months[:8], [1200 + 350 * i + v for i, v in
                                                enumerate(_series(rng, 0, 300, 8))])))
    out.append(dict(about="exam scores of a class of fifteen students",
                    input=", ".join(str(v) for v in _series(rng, 67, 22, 15))))
    out.append(dict(about="price in dollars of a litre of milk in six different shops",
                    input=labelled([f"Shop {c}" for c in "ABCDEF"], _series(rng, 1.2, 0.3, 6, 2))))
    out.append(dict(about="daily step counts recorded by a fitness tracker over one week",
                    input=labelled(days, _series(rng, 8500, 3500, 7))))
    out.append(dict(about="waiting times in minutes at a doctor's surgery for ten patients",
                    input=", ".join(str(v) for v in _series(rng, 18, 14, 10))))
    return out


group("maths", [
    "Calculate the mean, median and range of the following {about}.",
    "Find the percentage change from the first to the last value in the following {about}.",
    "Using the following {about}, estimate the next value and explain your method.",
    "Describe the pattern in the following {about}, using at least two summary statistics.",
], maths_datasets(), 40, has_input=True)

# ---------------------------------------------------------------------------------------------
# Input texts written for this project (fictional unless they state general knowledge).
# ---------------------------------------------------------------------------------------------
PASSAGES = [
    dict(about="a town's new repair cafe", input=(
        "In March 2023 the town of Millbrook opened its first repair cafe in the back room of the "
        "public library. On the first Saturday of every month, about a dozen volunteers fix toasters, "
        "lamps, bicycles and torn clothes for free. Organiser Helen Okafor says the cafe repaired 412 "
        "items in its first year and kept roughly two tonnes of waste out of landfill. Visitors are "
        "asked to stay and watch, so that they can fix similar problems themselves next time.")),
    dict(about="a community solar project", input=(
        "Residents of the village of Ashcombe have built a community solar farm on a former quarry. "
        "The project, run by the Ashcombe Energy Cooperative, raised 380,000 pounds from 214 local "
        "shareholders in 2022. Its 1,100 panels now produce enough electricity for around 300 homes. "
        "Profits are paid into a fund that helps older residents insulate their houses. Chair Peter "
        "Lund admits the planning process took almost three years, longer than anyone expected.")),
    dict(about="how the modern pencil developed", input=(
        "The modern pencil dates back to the 1560s, when a large deposit of pure graphite was found "
        "in Borrowdale, in the north of England. At first, people wrapped sticks of graphite in string "
        "or sheepskin. Later, carpenters began to set the graphite inside wooden holders. In 1795 the "
        "French officer Nicolas-Jacques Conte found a way to mix powdered graphite with clay, which "
        "allowed makers to control how hard or soft the pencil was. The same basic method is still "
        "used today.")),
    dict(about="a school that moved lessons outdoors", input=(
        "Since September 2021, pupils at Riverside Primary School have spent every Friday morning "
        "learning outdoors. Teachers use the school field and a nearby wood for maths, science and "
        "writing lessons. Head teacher Maria Santos reports that attendance on Fridays rose from 91 "
        "to 96 percent in the first year. Some parents were worried about lessons in bad weather, so "
        "the school bought 60 sets of waterproof clothing with money raised at the summer fair.")),
    dict(about="urban beekeeping", input=(
        "Beekeeping has become popular on city rooftops, from hotels to office blocks. Supporters say "
        "rooftop hives help pollinate urban gardens and teach people where food comes from. However, "
        "a 2019 study of one European capital found that the number of hives had grown so fast that "
        "wild bees were struggling to find enough flowers. Researchers now advise new beekeepers to "
        "plant more flowering plants before adding hives, and some cities have started to limit the "
        "number of hives per district.")),
    dict(about="a library's late-fee experiment", input=(
        "In January 2020, the Eastfield public library stopped charging fines for late books. Staff "
        "had noticed that many families, especially those on low incomes, stopped borrowing after "
        "receiving a fine. In the twelve months after the change, the number of active borrowers "
        "rose by 18 percent, and about 2,300 long-overdue books were returned. Chief librarian Sam "
        "Whitaker says the fines had brought in only 9,000 dollars a year, less than the cost of "
        "collecting them.")),
    dict(about="the invention of the shipping container", input=(
        "Before the 1950s, cargo ships were loaded one sack, barrel or crate at a time, a slow and "
        "expensive process. In 1956, the American trucking businessman Malcom McLean sent 58 metal "
        "boxes on a ship from New Jersey to Texas. Because the boxes could be lifted straight from a "
        "lorry onto a ship, loading costs fell sharply. Within a few decades, standard containers had "
        "changed ports around the world, and many old docks in city centres closed.")),
    dict(about="a four-day week trial at a design agency", input=(
        "Brightline, a design agency with 45 staff, tried a four-day working week for six months in "
        "2023. Employees kept the same pay but worked 32 hours instead of 40. The company cut "
        "internal meetings by half and asked clients to book calls only from Monday to Thursday. "
        "According to director Aisha Rahman, revenue stayed level, sick days fell by a third and "
        "only one client complained. The agency has now made the arrangement permanent.")),
    dict(about="the return of beavers to a river valley", input=(
        "Beavers were released into the upper Otter Valley in 2015 as part of a five-year trial. "
        "The animals built a series of dams that slowed the flow of water after heavy rain. Scientists "
        "from the regional university measured the river and found that flood peaks downstream were "
        "about 30 percent lower than before. Some farmers complained that beaver dams flooded parts "
        "of their fields, and the project now pays for small pipes that control the water level.")),
    dict(about="a night-time running club", input=(
        "The Moonlight Runners started in 2018 when three nurses who worked day shifts wanted to "
        "exercise together after work. The club now has 150 members and meets every Tuesday and "
        "Thursday at 9 pm in Central Park. Each run is between 5 and 8 kilometres, and runners wear "
        "head torches and reflective vests. Founder Grace Ndlovu says the most important rule is that "
        "nobody runs home alone.")),
    dict(about="food waste in supermarkets", input=(
        "A report published in 2022 estimated that supermarkets in one country threw away 250,000 "
        "tonnes of edible food each year. Most of it was bread, fruit and vegetables that had passed "
        "their display date but were still safe to eat. Several chains have since started selling "
        "surplus food through apps at a discount in the evening. Charities welcome the change but say "
        "that donations to food banks have fallen as a result.")),
    dict(about="a small island's switch to electric ferries", input=(
        "The island of Sorholm, home to about 3,000 people, replaced its two diesel ferries with "
        "electric ones in 2021. The crossing to the mainland takes 25 minutes, and the ferries "
        "recharge for 10 minutes at each end. The local council says fuel costs have fallen by 70 "
        "percent and the boats are much quieter. The new ferries cost 14 million euros, about twice "
        "as much as diesel boats, and were partly paid for by a national grant.")),
    dict(about="the origins of the crossword puzzle", input=(
        "The first crossword puzzle is usually credited to Arthur Wynne, a journalist born in "
        "Liverpool, who published a diamond-shaped word puzzle in the New York World newspaper on 21 "
        "December 1913. Crosswords became a craze in the United States in the 1920s, and some "
        "critics called them a waste of time. The Times in London published its first crossword in "
        "1930. Today, millions of people solve crosswords every day, in print and on their phones.")),
    dict(about="a hospital's hospital-at-home service", input=(
        "Since 2020, Northgate General Hospital has treated some patients with infections or heart "
        "failure in their own homes instead of on a ward. Nurses visit twice a day, and patients wear "
        "a small device that sends their heart rate and oxygen level to the hospital. In the first "
        "two years, 1,850 patients used the service. Doctor Lena Fischer says patients recover just as "
        "well and are less likely to become confused, especially older people.")),
    dict(about="a city's plan to plant 50,000 trees", input=(
        "The city council of Harbourton has promised to plant 50,000 trees by 2030 to cool the "
        "streets during heat waves. Satellite images showed that some neighbourhoods were up to six "
        "degrees warmer than leafy parts of the city on summer afternoons. The first 8,000 trees were "
        "planted in the winter of 2022, mostly in the poorest districts. Residents can also request a "
        "free street tree outside their home through the council website.")),
    dict(about="teenagers and sleep", input=(
        "Research suggests that during puberty the body clock shifts, so teenagers naturally feel "
        "sleepy later at night and find it hard to wake up early. Many health experts recommend that "
        "teenagers get between eight and ten hours of sleep. In 2016, a group of schools in one "
        "American state moved their start time from 7:30 to 8:30 am. Students slept about 34 minutes "
        "longer on average, and attendance in the first lesson improved.")),
    dict(about="the rise of board game cafes", input=(
        "Board game cafes, where customers pay a small fee to play from a library of hundreds of "
        "games, have spread to many cities over the last decade. Owners say that people enjoy meeting "
        "face to face without screens. At Dice and Slice, which opened in 2017, staff called game "
        "gurus explain the rules to new players. The cafe now owns 900 games and hosts a weekly "
        "tournament. Co-owner Tom Becker says the hardest part of the job is finding lost pieces.")),
    dict(about="a drought in a farming region", input=(
        "The summer of 2022 was the driest on record in the Valdera region, with only 38 millimetres "
        "of rain between June and August. Maize yields fell by about 40 percent, and some farmers sold "
        "cattle early because there was not enough grass. The regional government offered 12 million "
        "euros in emergency support. Farmers' union leader Marco Bellini argues that the region needs "
        "more water storage and crops that cope better with heat.")),
    dict(about="the development of the bicycle", input=(
        "In 1817 the German inventor Karl Drais built a two-wheeled running machine with no pedals; "
        "riders pushed it along with their feet. Pedals attached to the front wheel appeared in France "
        "in the 1860s. The high-wheeled penny-farthing followed, fast but dangerous. In 1885 John Kemp "
        "Starley designed the Rover safety bicycle, with two wheels of similar size and a chain drive "
        "to the back wheel. Its basic shape is still used by most bicycles today.")),
    dict(about="a language app study", input=(
        "A study published in 2021 followed 400 adults who used a language-learning app for 15 "
        "minutes a day. After six months, those who practised at least five days a week scored about "
        "as well on a reading test as students who had finished one term of a university course. "
        "However, their speaking skills lagged far behind. The researchers, led by Dr Ana Moreno, "
        "suggest combining apps with regular conversation practice.")),
    dict(about="a village shop run by volunteers", input=(
        "When the only shop in the village of Little Haddon closed in 2019, residents feared they "
        "would have to drive eight miles for a pint of milk. Instead, 120 of them bought shares and "
        "reopened it as a community shop. Around 40 volunteers work shifts alongside one paid "
        "manager, Ruth Evans. The shop now sells local eggs, bread and vegetables and has a small "
        "cafe corner. Last year it made a profit of 6,500 pounds, which was spent on a new village "
        "defibrillator.")),
    dict(about="microplastics in rivers", input=(
        "Microplastics are pieces of plastic smaller than five millimetres. Scientists sampling the "
        "river Lune in 2020 found up to 80 particles in every litre of water downstream of a town, "
        "compared with very few upstream. Many of the particles were fibres from synthetic clothing "
        "that pass through washing machines and water treatment works. Researchers say that filters "
        "on washing machines could cut this pollution, and one country plans to require them on all "
        "new machines from 2025.")),
    dict(about="the first public museum", input=(
        "The Ashmolean Museum in Oxford, which opened in 1683, is often described as the first public "
        "museum in Britain. Its collection began with objects gathered by the gardeners John "
        "Tradescant the elder and his son, which were later given to Elias Ashmole. Unlike earlier "
        "private collections, it was open to anyone who paid a small entrance fee. The original "
        "building on Broad Street now houses a museum of the history of science.")),
    dict(about="a company's switch to cycling deliveries", input=(
        "In 2022 the parcel firm Swiftbox replaced 30 of its city-centre vans with electric cargo "
        "bikes. Each bike can carry up to 150 kilograms. Managers found that bikes delivered more "
        "parcels per hour in the busiest streets, because riders did not need to look for parking. "
        "The company estimates that it saves 120 tonnes of carbon dioxide a year. Rider Jamal Osei "
        "says the hardest part is cycling in heavy rain, and the firm has bought better waterproof "
        "clothing.")),
    dict(about="volcanic eruptions and weather", input=(
        "Large volcanic eruptions can cool the planet for a short time. In 1815, Mount Tambora in "
        "Indonesia threw huge amounts of ash and sulphur gas into the upper atmosphere. The gas formed "
        "tiny droplets that reflected sunlight. The following year, 1816, became known in Europe and "
        "North America as the year without a summer: crops failed, and snow fell in June in parts of "
        "New England. The cooling effect faded after two or three years.")),
    dict(about="a free bus scheme", input=(
        "In 2020 the city of Kellerby made its buses free for everyone. The council paid for the "
        "scheme with a small increase in business rates and the money saved on selling tickets. Bus "
        "trips rose by 28 percent in the first year, but car traffic fell by only 4 percent. "
        "Transport planner Ingrid Holm says that free buses mainly helped people who already took the "
        "bus, and that more frequent services would be needed to persuade drivers to switch.")),
    dict(about="where chocolate came from", input=(
        "Cacao beans were used by the Olmec, Maya and Aztec peoples of Central America for thousands "
        "of years, often in a bitter, spicy drink. Spanish explorers brought cacao to Europe in the "
        "sixteenth century, where sugar was added. In 1847 the British company J. S. Fry and Sons made "
        "one of the first solid chocolate bars. In 1875 the Swiss chocolatier Daniel Peter added milk "
        "powder to create milk chocolate.")),
    dict(about="a citizen science bird count", input=(
        "Every January, thousands of people spend one hour counting the birds in their garden or local "
        "park and send the results to a wildlife charity. In 2023, about 600,000 people took part and "
        "counted 9.1 million birds. House sparrows were the most common species for the twentieth year "
        "in a row, although their numbers have fallen by more than half since the count began in "
        "1979. Scientists use the data to spot long-term trends.")),
    dict(about="remote working and small towns", input=(
        "Since 2020, many office workers have moved from big cities to smaller towns, keeping their "
        "jobs but working from home. Estate agents in the market town of Wrexford say house prices "
        "rose by 15 percent in two years. Local cafes and gyms report more customers during the week. "
        "However, some young people who grew up in the town say they can no longer afford to rent "
        "there. The council is now considering building 200 affordable homes.")),
    dict(about="the Great Stink of 1858", input=(
        "In the hot summer of 1858, the River Thames in London smelled so bad that the period became "
        "known as the Great Stink. For years, sewage had flowed straight into the river. Parliament "
        "finally agreed to fund a new sewer system designed by the engineer Joseph Bazalgette. Around "
        "1,800 kilometres of street sewers were built, feeding into large tunnels that carried waste "
        "away from the city. Outbreaks of cholera became much rarer afterwards.")),
    dict(about="a coding club for older adults", input=(
        "The Silver Coders club meets every Wednesday in the community centre of Brookside. It was "
        "started in 2021 by retired teacher Alan Price, who wanted to show people over sixty how to "
        "build simple websites. The club now has 35 members, aged between 61 and 88. Several have "
        "built websites for their local clubs and charities. Members say the best part is solving "
        "problems together, and that nobody is embarrassed to ask a basic question.")),
    dict(about="noise pollution in cities", input=(
        "The World Health Organization has linked long-term exposure to road traffic noise with poor "
        "sleep, stress and heart disease. In many large cities, more than half of residents live in "
        "areas where noise levels at night exceed recommended limits. Some cities have introduced "
        "quieter road surfaces, lower speed limits and noise cameras that fine loud vehicles. A trial "
        "in one city in 2022 issued 1,200 fines in its first three months.")),
    dict(about="a museum returning artefacts", input=(
        "In 2022 the Hallerton City Museum agreed to return 24 carved objects to the community in "
        "West Africa from which they were taken in 1897. The decision followed two years of talks "
        "with representatives of the community and historians. Museum director Claire Dubois said "
        "the objects had been shown in the museum for more than a century without proper information "
        "about their history. The museum will keep high-quality replicas and tell the story of how "
        "the originals were taken.")),
    dict(about="the invention of the QR code", input=(
        "The QR code was invented in 1994 by Masahiro Hara, an engineer at the Japanese company "
        "Denso Wave, to track car parts in factories. Unlike a normal barcode, a QR code can be read "
        "from any angle and holds far more information. The company chose not to enforce its patent, "
        "so anyone could use the design for free. QR codes became common on smartphones in the 2010s "
        "and were widely used for menus and tickets during the pandemic.")),
    dict(about="a community fridge", input=(
        "A community fridge opened outside the Greenway Church Hall in May 2022. Local shops, "
        "gardeners and households leave surplus food, and anyone can take what they need without "
        "questions. A team of 15 volunteers checks the fridge twice a day and removes anything out of "
        "date. Coordinator Priya Shah estimates that around 3 tonnes of food were shared in the first "
        "year. The fridge is powered by solar panels on the hall roof.")),
    dict(about="the decline of the house sparrow", input=(
        "The house sparrow was once one of the most common birds in European cities, but its numbers "
        "have fallen sharply since the 1970s. Scientists are not certain why. Possible causes include "
        "fewer insects for feeding chicks, the loss of nesting holes in modern buildings and tidier "
        "gardens with fewer seeds. A project in one city installed 1,000 nest boxes in 2019, and "
        "volunteers recorded sparrows using about a third of them within two years.")),
    dict(about="a youth orchestra's tour", input=(
        "In July 2023, the Northvale Youth Orchestra travelled to three countries in ten days, "
        "playing six concerts. The 72 musicians, aged between 14 and 19, raised most of the 90,000 "
        "dollar cost through concerts, cake sales and a sponsored walk. Conductor Elena Petrova says "
        "the tour taught the players as much about teamwork as about music. The orchestra's final "
        "concert in Vienna sold out two weeks in advance.")),
    dict(about="the spread of the potato", input=(
        "The potato was first domesticated in the Andes of South America between 7,000 and 10,000 "
        "years ago. Spanish sailors brought it to Europe in the second half of the sixteenth century. "
        "At first many Europeans were suspicious of it, but by the eighteenth century it had become "
        "an important crop because it grew well in poor soil. Heavy dependence on a few potato "
        "varieties contributed to the Irish famine of 1845 to 1852, when a plant disease destroyed "
        "harvests.")),
    dict(about="a hotel run by a school", input=(
        "Students at the Lakeside College of Hospitality run a twelve-room hotel on the college "
        "campus as part of their training. Under the supervision of teachers, they work on reception, "
        "cook in the restaurant and clean rooms. The hotel is open to the public from October to "
        "May, and rooms cost about half the price of nearby hotels. Course leader Daniel Murphy says "
        "that 85 percent of last year's graduates found jobs in the industry within six months.")),
    dict(about="the science of yawning", input=(
        "Scientists still debate why we yawn. One idea is that yawning helps cool the brain, because "
        "people yawn less in very hot or very cold air. Another is that it helps us stay alert when "
        "we are bored or tired. Yawning also seems to spread between people: in one experiment, about "
        "half of the adults who watched videos of others yawning began yawning themselves. Young "
        "children under four rarely catch yawns in this way.")),
]

DOCUMENTS = [
    # emails and notes
    dict(kind="message", about="email from a project manager", input=(
        "Hi all,\nThanks for yesterday's meeting. Quick recap: Priya will send the revised budget to "
        "finance by Friday 14 June. Marcus is booking the venue for the launch on 3 July and needs "
        "numbers from everyone by Wednesday. I will update the timeline and share it on Monday. "
        "Please remember the client review is at 10:00 on 20 June.\nBest,\nJo")),
    dict(kind="message", about="set of notes from a school governors' meeting", input=(
        "Meeting held 5 March. Present: Mrs Li (chair), Mr Adeyemi, Ms Park, Dr Shaw.\n"
        "1. Roof repair: quote of 18,400 dollars accepted; work to start in the Easter holidays.\n"
        "2. After-school club: Ms Park to survey parents about demand by 1 April.\n"
        "3. Next meeting: 14 May at 6 pm in the library.")),
    dict(kind="message", about="voicemail transcript from a dentist's office", input=(
        "Hello, this is Sandra from Clearview Dental calling for Mr Tom Haines. Your check-up is "
        "booked for Tuesday the 9th of October at 2:45. Please arrive ten minutes early to update "
        "your details. If you need to change the time, call us on 555 0192 before Friday. The fee "
        "for a missed appointment is 30 dollars. Thanks, bye.")),
    dict(kind="message", about="message from a landlord to tenants", input=(
        "Dear tenants of 14 Elm Road,\nThe water will be switched off on Thursday 12 September from "
        "9 am to 1 pm while Fraser Plumbing replaces the main pipe. Please fill a few bottles the "
        "night before. The rent increase we discussed will start on 1 November and will be 25 pounds "
        "a month. Any questions, call me on 07700 900123.\nKind regards,\nDavid Cole")),
    dict(kind="message", about="team chat message about a product release", input=(
        "Release 2.4 is moving from Tuesday to Thursday 18 April because the payment tests failed. "
        "Ana is fixing the currency bug and expects a patch by Wednesday noon. Leo, can you rerun "
        "the full test suite once the patch is in? Support should warn the three enterprise "
        "customers (Harlow Bank, Mintco and Greenleaf) about the delay today.")),
    # receipts, invoices, orders
    dict(kind="receipt", about="bill from an Italian restaurant", input=(
        "The Olive Tree, 22 Harbour Street\nTable 7, 2 guests, 16/08/2023 20:41\n"
        "2 x Tomato soup 5.50\n1 x Grilled salmon 16.00\n1 x Mushroom risotto 13.50\n"
        "2 x Sparkling water 2.20\n1 x Lemon tart 6.00\nSubtotal 50.90\nService 10% 5.09\n"
        "Total 55.99\nPaid by card")),
    dict(kind="receipt", about="invoice from a freelance designer", input=(
        "INVOICE 2023-041\nFrom: Nina Kowalski Design\nTo: Green Sprout Cafe\nDate: 2 October 2023\n"
        "Logo design, 3 concepts: 450.00\nMenu layout, 4 pages: 320.00\nPrinting coordination: 80.00\n"
        "Total due: 850.00 EUR\nPayment within 30 days to account ending 4471")),
    dict(kind="receipt", about="online order confirmation", input=(
        "Order #88214 confirmed on 11 May.\nItems: 1 x Trail running shoes (size 42) 89.99; 2 x Sports "
        "socks 7.50 each; 1 x Water bottle 0.75 l 12.00.\nDelivery: standard, 4.95, expected 15-17 May "
        "to 3 Birch Lane, Oakham.\nOrder total: 121.94")),
    dict(kind="receipt", about="utility bill summary", input=(
        "Account 55120877 - Billing period 1 Jan to 31 Mar\nElectricity used: 842 kWh at 0.28 per kWh "
        "= 235.76\nStanding charge: 90 days at 0.45 = 40.50\nTotal before tax: 276.26\nTax 5%: 13.81\n"
        "Amount due: 290.07 by 21 April")),
    dict(kind="receipt", about="supermarket till receipt", input=(
        "FRESHWAY MARKET 03/02 17:12\nBananas 1.2 kg 1.44\nWholemeal bread 1.85\nMilk 2 l 1.65\n"
        "Cheddar 400 g 3.90\nEggs x12 3.20\nCoffee beans 500 g 6.75\nMulti-buy saving -1.00\n"
        "TOTAL 17.79\nCash 20.00 Change 2.21")),
    # job adverts
    dict(kind="job", about="job advert for a library assistant", input=(
        "Library Assistant (part time, 22 hours a week)\nCentral Library, Dunmore. Salary 14,200 "
        "per year. You will help visitors find books, run children's story time and keep the shelves "
        "in order. You must be friendly, organised and comfortable with computers. Weekend work one "
        "Saturday in three. Apply by 30 June with a CV and a short letter to jobs@dunmore-library.example.")),
    dict(kind="job", about="job advert for a junior web developer", input=(
        "Junior Web Developer - Leafcraft Studio (hybrid, 3 days in the Bristol office)\nWe build "
        "websites for charities. You will work with HTML, CSS and JavaScript and learn React. At least "
        "one year of experience or a strong portfolio is required. Salary 30,000 to 34,000, 28 days of "
        "holiday, training budget of 1,000 a year. Closing date: 15 September.")),
    dict(kind="job", about="job advert for a summer camp counsellor", input=(
        "Camp counsellors wanted for Pine Ridge Summer Camp, 1 July to 25 August. Lead outdoor "
        "activities for children aged 8 to 14, including canoeing, hiking and campfire evenings. Must "
        "be 18 or over and hold a first aid certificate (we can provide training). Pay is 420 a week "
        "plus food and shared accommodation. Contact Sarah Moss before 1 May.")),
    dict(kind="job", about="job advert for a delivery driver", input=(
        "Delivery Driver - FreshBox Meals\nFull time, Monday to Friday, 7 am to 3 pm. Deliver meal "
        "boxes to homes across the north of the city in a company van. Clean driving licence held for "
        "at least two years required. 13.50 an hour plus overtime at time and a half. Start date: "
        "early March. Apply online with your licence details.")),
    # recipes
    dict(kind="recipe", about="recipe for a lentil soup", input=(
        "Serves 4. Chop 1 onion, 2 carrots and 2 celery sticks and soften them in 2 tablespoons of "
        "olive oil for 8 minutes. Add 2 crushed garlic cloves and 1 teaspoon of cumin. Stir in 200 g "
        "of red lentils, a 400 g tin of chopped tomatoes and 1.2 litres of vegetable stock. Simmer for "
        "25 minutes, then blend half of the soup and season with salt, pepper and lemon juice.")),
    dict(kind="recipe", about="recipe for oat cookies", input=(
        "Makes about 20 cookies. Heat the oven to 180 C. Beat 125 g of soft butter with 100 g of brown "
        "sugar, then add 1 egg. Mix in 150 g of plain flour, 150 g of rolled oats, half a teaspoon of "
        "baking powder and 75 g of raisins. Roll into balls, flatten slightly on a lined tray and bake "
        "for 12 to 14 minutes until golden. Cool on the tray for 5 minutes.")),
    dict(kind="recipe", about="recipe for a simple tomato pasta", input=(
        "Cook 400 g of spaghetti in salted water for 10 minutes. Meanwhile, warm 3 tablespoons of olive "
        "oil with 3 sliced garlic cloves and a pinch of chilli flakes. Add 500 g of halved cherry "
        "tomatoes and cook for 6 minutes until they burst. Toss with the drained pasta, a handful of "
        "basil and 50 g of grated parmesan. Serves 4.")),
    dict(kind="recipe", about="recipe for a fruit smoothie", input=(
        "Put 1 banana, 150 g of frozen berries, 200 ml of milk or oat drink, 3 tablespoons of natural "
        "yoghurt and 1 teaspoon of honey into a blender. Blend for about 45 seconds until smooth. Add "
        "a few ice cubes on hot days. Makes 2 glasses. Best drunk straight away.")),
    # event notices
    dict(kind="event", about="poster for a community event", input=(
        "SPRING FAIR! Saturday 20 April, 11 am to 4 pm, Hilltop Community Centre, 8 Mill Road. "
        "Plant stall, cake competition (entries by 10:30), face painting and a dog show at 2 pm. Entry "
        "2 dollars, children free. All profits go to the centre's new kitchen. Organised by the "
        "Hilltop Residents' Association. Questions? Ask Karen on 555 0147.")),
    dict(kind="event", about="announcement of a public lecture", input=(
        "The Astronomy Society invites you to a free public talk, 'Life on Other Worlds?', by Dr "
        "Rajesh Iyer of Westmoor University. Thursday 7 November at 7:30 pm in Lecture Theatre B, "
        "Science Building. Doors open at 7 pm. Telescope viewing on the roof afterwards if the sky is "
        "clear. Booking recommended: 120 seats only.")),
    dict(kind="event", about="club newsletter item about a walking weekend", input=(
        "Our autumn walking weekend will be on 12 and 13 October in the Lake District. We are staying "
        "at the Fellside Youth Hostel (two nights, 65 per person including breakfast). Saturday's walk "
        "is 16 km with 700 m of climbing; Sunday's is an easier 9 km. The coach leaves the station car "
        "park at 7:00 on Friday evening. Please pay Mike Turner by 30 September.")),
    dict(kind="event", about="school letter about a sports day", input=(
        "Dear parents and carers,\nSports day will take place on Wednesday 26 June from 1:15 pm on the "
        "school field. Children should wear their house colours and bring a named water bottle and "
        "sun cream. Parents are welcome to watch from the marked area. If it rains, the event will "
        "move to Friday 28 June. Refreshments will be sold by the PTA.\nMr Jenkins, Head of PE")),
]

REVIEWS = [
    dict(about="a pizza restaurant", input="The crust was perfect and the staff were lovely, but we waited almost an hour for our food on a quiet Tuesday. I would go back, just not when I am hungry."),
    dict(about="a pair of wireless earbuds", input="Sound quality is excellent for the price and the case fits easily in a pocket. Battery life is shorter than advertised, about four hours instead of six."),
    dict(about="a budget hotel", input="Clean room, comfortable bed and a great location near the station. The walls are thin and I could hear the neighbours' television until midnight."),
    dict(about="a children's picture book", input="My daughter asks for this book every single night. The drawings are beautiful and the rhymes are fun to read aloud. Worth every penny."),
    dict(about="a cordless vacuum cleaner", input="Stopped holding a charge after three months. Customer service took two weeks to reply and then asked me to pay for postage. Very disappointed."),
    dict(about="a yoga class", input="The instructor explains every pose clearly and offers easier versions for beginners. The room gets very hot, so bring water."),
    dict(about="a weather app", input="It would be nice if the app showed rain for the next hour in more detail. Otherwise it does the job and the widgets are neat."),
    dict(about="a running backpack", input="Light, does not bounce, and the pockets are easy to reach while moving. The zips feel a bit cheap but have not broken yet."),
    dict(about="a dentist's surgery", input="Dr Mensah was gentle and explained everything before starting. The receptionist was rude on the phone, though, and I almost cancelled."),
    dict(about="an online course on photography", input="The first three modules were excellent, with clear examples. The later lessons felt rushed and the promised feedback on assignments never came."),
    dict(about="a ferry crossing", input="Cancelled twice due to wind, which is nobody's fault, but the company only told us by text an hour before. The crossing itself was smooth and the cafe on board was decent."),
    dict(about="a garden centre", input="Huge selection of plants and the staff really know their stuff. Prices are higher than in the supermarket, but the plants actually survive."),
    dict(about="a science museum", input="Our kids loved the hands-on area and did not want to leave. The cafe was overpriced and there were not enough seats."),
    dict(about="a mobile phone contract", input="Cheap monthly price, but the signal at my house is terrible and roaming charges were not explained clearly. I am switching providers."),
    dict(about="a thriller novel", input="Gripping from the first page, with a twist I did not see coming. The ending felt rushed, as if the author ran out of time."),
    dict(about="a bicycle repair shop", input="They fixed my gears on the same day and charged less than the quote. Friendly mechanic who showed me how to adjust them myself next time."),
    dict(about="a kitchen blender", input="Powerful and easy to clean. It is very loud, though, and the lid sometimes pops off if you overfill it."),
    dict(about="a city walking tour", input="Our guide, Tomasz, was funny and full of stories. The tour ran thirty minutes over, which made us late for our train."),
    dict(about="an electric kettle", input="Boils quickly and switches off reliably. The handle gets hot and the limescale filter keeps falling out."),
    dict(about="a meal delivery service", input="Portions are generous and the recipes are easy to follow. However, a lot of the packaging is plastic, and one week the box arrived a day late."),
    dict(about="a coworking space", input="Fast internet, good coffee and a quiet room for calls. Membership went up by twenty percent this year with no new facilities."),
    dict(about="a family campsite", input="Clean showers, a great playground and a shop with fresh bread every morning. Pitches are small and close together, so it is not for people who like privacy."),
    dict(about="a smartwatch", input="Tracks sleep and runs accurately, and the battery lasts a week. The strap gave me a rash, and the replacement strap costs almost as much as the watch."),
    dict(about="a local swimming pool", input="The water is always warm and the lanes are well organised. The changing rooms need a good clean and two of the lockers were broken."),
    dict(about="a language school", input="Small classes and patient teachers. My Spanish improved a lot in four weeks. The school could organise more activities outside lessons."),
    dict(about="a car hire company", input="The car was clean and new, but they charged a large deposit that we were not told about, and it took three weeks to get it back."),
    dict(about="a theatre production", input="Outstanding performances from the whole cast, especially the lead actress. The seats in the upper circle had a restricted view that was not mentioned when booking."),
    dict(about="a hair salon", input="Exactly the cut I asked for, and the stylist gave good advice about products. Booking online was confusing and they double-booked my slot."),
    dict(about="a takeaway coffee shop", input="Best flat white in town and the barista remembers my name. It would be great if they accepted reusable cups."),
    dict(about="a password manager app", input="Syncs across all my devices and fills in forms reliably. The recent redesign hid some settings and support articles have not been updated."),
]

CUSTOMER_MESSAGES = [
    dict(about="a missing parcel", input="Hi, my order #55621 was marked as delivered yesterday but there is nothing at my door and my neighbours have not seen it. Can you check with the courier?"),
    dict(about="a double payment", input="I was charged twice for my subscription this month, 9.99 each time. Please refund one of the payments."),
    dict(about="an app that keeps crashing", input="Since the last update, the app closes every time I try to open my saved lists. I have restarted my phone twice. It's an Android phone, version 13."),
    dict(about="changing an email address", input="How do I change the email address on my account? I no longer have access to my old work email."),
    dict(about="a damaged item", input="The mirror I ordered arrived cracked in one corner. The box looked fine. I have attached photos. I would like a replacement rather than a refund."),
    dict(about="a locked account", input="I have been locked out of my account after entering the wrong password three times and the reset email never arrives. I need to access my invoices today for my accountant."),
    dict(about="delivery to a different address", input="Is it possible to send my order to my office instead of my home address? It has not been shipped yet."),
    dict(about="a price difference", input="I bought the blue jacket last week for 120 and now it is on your website for 85. Can you refund the difference?"),
    dict(about="a cancelled class", input="Our pottery class on Saturday was cancelled with no notice and we drove forty minutes to get there. This is the second time. What will you do about it?"),
    dict(about="an urgent medical order", input="My mother's blood pressure medication has not arrived and she has only two days of tablets left. The order was placed ten days ago. Please help urgently."),
    dict(about="a suggestion for the website", input="Just a suggestion: it would be really helpful if your website let us filter products by size. I spend ages scrolling through things that are not available in mine."),
    dict(about="a wrong size", input="The shoes I received are size 40 but I ordered 41. Do I need to pay for the return postage?"),
    dict(about="slow internet", input="Our broadband has been very slow every evening for two weeks, often below 2 Mbps. We pay for 100. Working from home is almost impossible."),
    dict(about="a gift card", input="I received a gift card for my birthday but the code says it has already been used. I have not used it. What can I do?"),
    dict(about="closing an account", input="Please close my account and delete my personal data. I no longer use your service."),
    dict(about="a late refund", input="You promised my refund would arrive within five working days. It has now been three weeks. Where is my money?"),
    dict(about="opening hours", input="Are you open on the public holiday next Monday? I need to pick up a prescription."),
    dict(about="a broken heater in a rented flat", input="The heating in our flat stopped working last night and it is 4 degrees outside. We have a baby at home. When can an engineer come?"),
    dict(about="a compliment for a driver", input="I just wanted to say thank you to the driver who carried our heavy parcels up three flights of stairs this morning. Great service!"),
    dict(about="a security concern", input="I got an email that looks like it is from you asking me to confirm my card details through a link. Is this genuine? I have not clicked it."),
]

DRAFTS = [
    dict(about="email to a client about a delayed order", input="Dear Mr Patel, I am writing to you in order to let you know that unfortunatly your order will be delayed. This is due to the fact that our supplier have had problems. We expect it to arrive on the 14th, we apologise for any inconvenience this may of caused."),
    dict(about="paragraph from a student essay on recycling", input="Recycling is very important for the enviroment. Alot of people doesnt recycle because they think it dont make a difference. But if everyone recycle, we could reduce the amount of rubbish that goes to landfill by a huge amount of amount."),
    dict(about="announcement of a new office coffee machine", input="Hi everyone!!! Just to let you all know that we has got a new coffee machine in the kitchen on the second floor. Please could you make sure you clean up after yourselfs and dont leave cups laying around. Thank's!"),
    dict(about="opening of a cover letter", input="To whom it may concern, I am writting to apply for the position of marketing assistent that I seen advertised on your website. I am a hard worker and i think I would be a good fit for your company because I have alot of passion for marketing."),
    dict(about="product description for a scented candle", input="This candle is made from soy wax and it smells really really nice. It burn for around about 40 hours. It is perfect for gifts or for yourself or for anyone who like candles. The smell is of lavendar and vanilla."),
    dict(about="note to a neighbour about a parcel", input="Hi, I think a parcel for you was delivered to are house by mistake yesterday. Its in our porch, you can come and get it whenever you want, we are in most evenings after 6. Sorry we didnt notice it sooner."),
    dict(about="section of a company safety policy", input="All staff must ensure that they are wearing the correct protective equipments at all time when they are in the warehouse. Failure to do this may results in disciplinary action being taken against them by the management of the company."),
    dict(about="paragraph from a travel blog", input="We arrived in the village late at night and everything were closed. The next morning though we woke up to the most amazing view of the mountains that I have ever saw. We spend the day walking and eating way to much cheese."),
    dict(about="meeting invitation to a project team", input="Hello team, there will be a meeting on thursday at 3pm in room 4B. In this meeting we will be discussing about the progress of the project and the next steps going forward in the future. Please all attend, its important."),
    dict(about="introduction to a school science report", input="In this experiment we wanted to found out if the temperature of water effect how fast sugar dissolves. We thinked that hotter water will dissolve the sugar more faster because the particles is moving quicker."),
    dict(about="complaint letter to a phone company", input="I am extremely very unhappy with your service. For three weeks my phone have had no signal at home and nobody from your company has bothered to call me back, despite I have called four times. I want this fixing immediately."),
    dict(about="description of a holiday cottage", input="The cottage sleep six people in three bedroom's. It has a fully equiped kitchen, a log burner and a garden with a view of the see. Its only a five minute walk to the beach and the local pub, which serve great food."),
    dict(about="message to a sports team about training", input="Hey guys, training is cancel this week cause the pitch is flooded. We will be back to normal next tuesday, same time same place. Make sure you all bring you're own water bottle from now on, the club wont provide them no more."),
    dict(about="paragraph from a history essay about castles", input="Castles was built in the middle ages for defence and to show the power of the lord who owned them. Many castle's had thick walls, a moat and a keep. Over time, as cannons become more powerful, castles became less usefull."),
    dict(about="customer service reply about a refund", input="Thank you for you're email. We have now processed your refund and it should appear in you account within 5-7 working day's. If it dont appear please dont hesitate to contact us again at any time of the day or night."),
    dict(about="bio for a conference speaker", input="Jane Doe have worked in renewable energy for over fifteen years. She has lead projects in six countries and she is currently the head of research at Sunfield Energy. In her free time she enjoy sailing and she also enjoys to paint."),
    dict(about="instructions for using a shared printer", input="To use the printer you first needs to log in with your staff card. Then you select the document what you want to print. If the printer jams do not try and fix it yourself, instead you should contact IT who will fix it for you."),
    dict(about="paragraph from a restaurant menu", input="All of our dishes is made fresh every day using ingredient's from local farms. Please let you're server know if you have any allergys. We can adapt most dishes to be vegetarian or gluten free on request if you ask."),
    dict(about="post for a lost cat", input="LOST CAT!! Our cat Biscuit have gone missing since sunday evening from around Park Road. He is ginger with a white chest and he is very friendly but a bit shy of strangers. If you seen him please call us, we are very worried."),
    dict(about="summary paragraph of a business report", input="In conclusion, the sales of the company has increased in the last quarter. This increase were mainly due to the new product line that was launched in march. However costs has also rose, which means profits have not increased as much as what we hoped."),
    dict(about="welcome message for new gym members", input="Welcome to FitZone! We are so exciting to have you. Please make sure to book a induction session before using any of the equipments. Lockers is available for free but you need to bring your own padlock with you."),
    dict(about="letter asking a school for a meeting", input="Dear Ms Grant, I would like to request a meeting with you to discuss my son Oliver progress in maths. He has been struggle with homework recently and I am not sure how to best help him. Please let me know when you is available."),
    dict(about="notice about bin collection changes", input="Please be advised that due to the bank holiday, bin collections for this week will be took place one day later than normally. Recycling should be put out by 7am on the day of collection and not the night before because of foxes."),
    dict(about="paragraph from a short story", input="The rain was falling heavy as Anna ran down the street. She were late, again. When she finally reach the station, the train had all ready left, and she stood on the platform, wet and alone, wondering what she would tell her boss."),
    dict(about="description of a volunteering opportunity", input="We are looking for volunteers who can help out at our food bank on saturday mornings. No experience is neccessary, you just need to be friendly and able to lift boxes. Its a great way to meet new people and give something back to the community."),
    dict(about="feedback from a manager to an employee", input="Your report was good overall but there was a few mistakes in the figures which needs to be corrected. Also the introduction was to long and could of been shorter. Please make the changes and send it back to me by friday if possible."),
    dict(about="paragraph from a website's about page", input="Founded in 2015 by two friends who shared a love of coffee, Bean There have grew from a single market stall into three cafes across the city. We source all our beans direct from farmers and we roasts them ourselves every week."),
    dict(about="reminder email about an unpaid invoice", input="Dear Sir or Madam, this is just a friendly reminder that invoice number 2291 is now overdue by 14 days. We would be greatful if you could arrange payment as soon as possible. If you has already paid, please ignore this message."),
    dict(about="introduction to a club newsletter", input="Welcome to the spring edition of our newsletter! Its been a busy few months for the club, with lots of new members joining and alot of events happening. In this issue you will find news, photos and a interview with our oldest member."),
    dict(about="paragraph explaining a new parking rule", input="From the 1st of June, staff will not be able to park in the front car park no more. This car park will be reserved for visitors only. Staff should use the car park behind building C which have plenty of spaces available at all times of day."),
    dict(about="thank-you note to a teacher", input="Dear Mr Lopez, thank you so much for all you done for Emma this year. She use to hate reading but now she read every night before bed. We really appreciate all of the extra time you spended with her after school. Best wishes, the Clarke family."),
    dict(about="paragraph from a tenancy agreement summary", input="The tenant are responsible for keeping the property clean and tidy and for reporting any damages to the landlord as soon as possible. The tenant must not keep pets in the property without getting the written permission of the landlord first beforehand."),
    dict(about="description of a charity walk", input="On the 10th of September we will be walking 20km along the coast to raise money for the children hospital. Everyone is welcome to join, weather you want to walk the whole way or just part of it. Their will be snacks and drinks at the finish line."),
    dict(about="message apologising for missing a meeting", input="Hi Sarah, I'm really sorry I missed the meeting this morning. My train was cancel and my phone was died so I couldnt let anyone know. Could you send me the notes? I will make sure to catch up on everything I have missed today."),
    dict(about="paragraph from a product manual", input="Before using the blender for the first time, wash all the parts in warm soapy water. Never put you're hands inside the jug while the blender is plugged in. Do not fill the jug above the maximum line or the lid may comes off during use."),
    dict(about="review written for a local newspaper", input="The new Italian restaurant on High Street are a welcome addition to the town. The pasta were clearly homemade and the tiramisu was one of the best I ever tasted. Service was slow at times, but the staff was very friendly and apologetic."),
    dict(about="paragraph from a science article for teenagers", input="Black holes is regions of space where gravity is so strong that nothing, not even light, can escapes. They form when very big stars collapse at the end of there lives. Scientists cannot see black holes directly but they can see the affect they have on nearby stars."),
    dict(about="note to a house sitter", input="Thanks again for looking after the house! The cat need feeding twice a day, one pouch in the morning and dry food at night. The plants in the kitchen needs watering every two days. The wifi password are on the fridge. Call me if theres any problems."),
    dict(about="speech opening for a retirement party", input="Good evening everyone and thank you all for coming here tonight to celebrate. As most of you knows, after thirty years of working here, Margaret are finally retiring. I have had the pleasure of working with her for ten of those year's."),
    dict(about="social media post for a bakery", input="Fresh out the oven!!! Our famous cinnamon buns are back for the weekend only. Come and get them before there gone, last week we sold out by 10am!! Open 8 till 4 saturday and sunday. See you soon"),
]

TABLES = [
    dict(about="monthly sales for three coffee shops", input="| Month | Harbour St | Market Sq | Station Rd |\n|---|---|---|---|\n| Jan | 12,400 | 9,800 | 15,200 |\n| Feb | 11,900 | 10,300 | 14,700 |\n| Mar | 13,600 | 11,100 | 16,900 |\n| Apr | 14,200 | 13,800 | 16,100 |\n| May | 15,800 | 14,900 | 15,600 |"),
    dict(about="exam results by subject for one school", input="| Subject | Students | Pass rate | Average grade |\n|---|---|---|---|\n| Maths | 182 | 78% | 5.4 |\n| English | 190 | 84% | 5.9 |\n| Biology | 96 | 88% | 6.1 |\n| History | 74 | 71% | 5.2 |\n| French | 41 | 93% | 6.6 |"),
    dict(about="website traffic by source", input="| Source | Visits | Bounce rate | Sign-ups |\n|---|---|---|---|\n| Search | 24,500 | 41% | 610 |\n| Social media | 18,200 | 67% | 190 |\n| Email | 6,300 | 28% | 420 |\n| Direct | 9,900 | 35% | 350 |\n| Paid ads | 12,100 | 58% | 240 |"),
    dict(about="household spending over four years", input="| Category | 2020 | 2021 | 2022 | 2023 |\n|---|---|---|---|---|\n| Rent | 9,600 | 9,900 | 10,500 | 11,400 |\n| Food | 4,200 | 4,350 | 4,900 | 5,300 |\n| Energy | 1,500 | 1,600 | 2,700 | 2,300 |\n| Transport | 2,100 | 1,400 | 1,800 | 1,900 |\n| Leisure | 1,800 | 1,200 | 2,000 | 2,200 |"),
    dict(about="customer support tickets by category", input="| Category | Tickets | Median hours to resolve | Satisfaction |\n|---|---|---|---|\n| Billing | 820 | 6 | 4.1 |\n| Login problems | 1,140 | 2 | 4.4 |\n| Delivery | 560 | 30 | 3.2 |\n| Returns | 430 | 48 | 2.9 |\n| Other | 210 | 12 | 3.8 |"),
    dict(about="bird counts at a nature reserve", input="| Species | 2019 | 2020 | 2021 | 2022 |\n|---|---|---|---|---|\n| Lapwing | 42 | 38 | 31 | 29 |\n| Curlew | 18 | 15 | 16 | 11 |\n| Skylark | 65 | 70 | 74 | 81 |\n| Reed bunting | 23 | 25 | 30 | 34 |"),
    dict(about="electricity generation by source in a small country", input="| Source | 2015 (GWh) | 2023 (GWh) |\n|---|---|---|\n| Coal | 8,200 | 1,100 |\n| Gas | 12,500 | 10,900 |\n| Wind | 3,100 | 11,700 |\n| Solar | 600 | 4,800 |\n| Hydro | 2,300 | 2,200 |"),
    dict(about="running times of a training group", input="| Runner | Week 1 (5 km) | Week 4 | Week 8 |\n|---|---|---|---|\n| Ada | 34:10 | 31:45 | 29:30 |\n| Bilal | 28:05 | 27:50 | 27:40 |\n| Carmen | 41:20 | 36:00 | 33:15 |\n| Dmitri | 30:30 | 31:10 | 29:05 |"),
    dict(about="smartphone models and their specifications", input="| Model | Price | Battery (mAh) | Camera (MP) | Weight (g) |\n|---|---|---|---|---|\n| Aster 5 | 399 | 4,500 | 50 | 182 |\n| Nova X | 699 | 5,000 | 108 | 205 |\n| Pixelle S | 549 | 4,100 | 64 | 168 |\n| Orbit Lite | 249 | 5,200 | 13 | 210 |"),
    dict(about="library loans by category", input="| Category | 2021 loans | 2022 loans | 2023 loans |\n|---|---|---|---|\n| Adult fiction | 48,200 | 46,900 | 45,100 |\n| Children's books | 39,500 | 44,800 | 51,300 |\n| E-books | 12,100 | 18,600 | 24,900 |\n| Audiobooks | 5,400 | 8,200 | 11,700 |\n| DVDs | 6,800 | 3,900 | 1,700 |"),
    dict(about="staff survey results for four departments", input="| Department | Responses | Feel valued | Workload manageable | Would recommend |\n|---|---|---|---|---|\n| Sales | 48 | 62% | 55% | 70% |\n| Engineering | 73 | 71% | 48% | 76% |\n| Finance | 21 | 81% | 79% | 85% |\n| Support | 39 | 44% | 37% | 51% |"),
    dict(about="average house prices in five towns", input="| Town | 2018 | 2023 | Change |\n|---|---|---|---|\n| Alderton | 210,000 | 265,000 | +26% |\n| Brookfield | 185,000 | 198,000 | +7% |\n| Cresby | 320,000 | 355,000 | +11% |\n| Dunmore | 150,000 | 214,000 | +43% |\n| Eastwick | 275,000 | 268,000 | -3% |"),
    dict(about="results of a plant growth experiment", input="| Fertiliser | Plants | Mean height after 6 weeks (cm) | Plants that flowered |\n|---|---|---|---|\n| None | 10 | 21.4 | 2 |\n| Brand A | 10 | 29.8 | 6 |\n| Brand B | 10 | 27.1 | 7 |\n| Compost only | 10 | 26.5 | 5 |"),
    dict(about="daily visitors and revenue at a museum", input="| Day | Visitors | Ticket revenue | Shop revenue |\n|---|---|---|---|\n| Monday | 0 | 0 | 0 |\n| Tuesday | 420 | 3,360 | 950 |\n| Wednesday | 390 | 3,120 | 870 |\n| Thursday | 610 | 4,880 | 1,420 |\n| Friday | 560 | 4,480 | 1,300 |\n| Saturday | 1,240 | 9,920 | 3,100 |\n| Sunday | 1,050 | 8,400 | 2,650 |"),
    dict(about="app ratings before and after a redesign", input="| Metric | Before redesign | After redesign |\n|---|---|---|\n| Average rating | 4.3 | 3.7 |\n| Daily active users | 52,000 | 55,500 |\n| Crash rate | 0.8% | 1.9% |\n| Average session (min) | 6.2 | 7.4 |\n| Support tickets per week | 140 | 310 |"),
    dict(about="commuting methods of employees", input="| Method | 2019 | 2023 |\n|---|---|---|\n| Car | 58% | 41% |\n| Bus or train | 22% | 19% |\n| Bicycle | 9% | 14% |\n| Walking | 8% | 9% |\n| Works from home | 3% | 17% |"),
    dict(about="rainfall and crop yields on a farm", input="| Year | Rainfall (mm) | Wheat (t/ha) | Barley (t/ha) |\n|---|---|---|---|\n| 2019 | 640 | 8.1 | 6.5 |\n| 2020 | 710 | 8.4 | 6.9 |\n| 2021 | 520 | 6.9 | 6.2 |\n| 2022 | 390 | 5.2 | 5.6 |\n| 2023 | 680 | 8.0 | 6.7 |"),
    dict(about="energy use of household appliances", input="| Appliance | Power (W) | Hours per day | Days per year |\n|---|---|---|---|\n| Fridge | 150 | 24 | 365 |\n| Washing machine | 2,000 | 1 | 200 |\n| Television | 100 | 4 | 365 |\n| Kettle | 3,000 | 0.3 | 365 |\n| Laptop | 60 | 8 | 250 |"),
]

TRANSLATION_TEXTS = [
    dict(about="product description for a camping lantern", input="This lightweight lantern gives up to 30 hours of warm light on a single charge. It folds flat to fit in any rucksack and can also charge your phone in an emergency."),
    dict(about="welcome note for hotel guests", input="Welcome! We hope you enjoy your stay. Breakfast is served from 7 to 10 in the garden room. If you need anything at all, please call reception by dialling 9."),
    dict(about="introduction to a restaurant menu", input="Our kitchen cooks with seasonal produce from farms within fifty kilometres. Dishes marked with a leaf are vegetarian. Please tell us about any allergies before you order."),
    dict(about="safety notice at a swimming pool", input="No running on the pool side. Children under eight must be accompanied by an adult in the water. Please shower before entering the pool."),
    dict(about="short email declining a meeting", input="Thank you for the invitation. Unfortunately I am travelling that week and cannot attend. Could we find a time the following week instead?"),
    dict(about="museum label for an old clock", input="This clock was made in 1780 by a local craftsman. It still keeps good time and is wound by hand every Monday morning by a volunteer."),
    dict(about="recipe for simple pancakes", input="Whisk two eggs with 250 ml of milk, then beat in 120 g of flour and a pinch of salt. Rest the batter for ten minutes and fry thin pancakes in a hot buttered pan."),
    dict(about="instructions for a washing machine", input="Choose a programme with the dial, add detergent to the front drawer and press start. Do not open the door until the light goes off."),
    dict(about="tourist leaflet about a castle", input="Perched on a hill above the river, the castle has watched over the town for eight centuries. Climb the tower for a view of three valleys, then visit the restored kitchens."),
    dict(about="invitation to a garden party", input="You are warmly invited to our summer garden party on Saturday 6 July from 3 pm. There will be music, games for children and plenty of food. Please let us know if you can come."),
    dict(about="returns policy of an online shop", input="You can return any unused item within 30 days for a full refund. Please keep the original packaging and include the return form from your parcel."),
    dict(about="school newsletter paragraph about a sports day", input="Thank you to all the families who came to cheer at sports day. The weather was kind, the races were close, and the blue team won the trophy for the first time in five years."),
    dict(about="announcement at a train station", input="The train to the airport will depart from platform 4 instead of platform 2. We apologise for the change and thank you for your patience."),
    dict(about="message to a host family", input="Hello! I am very excited to stay with you next month. I arrive on Friday evening, and I do not eat meat. I am looking forward to meeting you all."),
]

TRANSLATION_SENTENCES = [
    "Where is the nearest train station?", "Could you please speak a little more slowly?",
    "I would like to book a table for four at eight o'clock.", "The museum is closed on Mondays.",
    "My flight has been delayed by two hours.", "How much does this jacket cost?",
    "We are looking forward to meeting you next week.",
    "Please remember to water the plants while I am away.", "I am allergic to peanuts.",
    "The meeting has been moved to Thursday afternoon.", "Can you recommend a good local restaurant?",
    "It has been raining all week.", "Thank you for your help yesterday.", "I have lost my passport.",
    "The children are playing in the garden.", "Is breakfast included in the price?",
    "Turn left at the second traffic light.", "I need a ticket to the city centre.",
    "She has been learning the piano for three years.", "What time does the last bus leave?",
    "Happy birthday, I hope you have a wonderful day.", "The library opens at nine in the morning.",
    "I am sorry, I do not understand.", "Could I have the bill, please?",
    "We missed the train by one minute.", "This soup is too salty.",
    "Our team won the match on Saturday.", "The doctor will see you in ten minutes.",
    "Please close the window, it is cold.", "I usually walk to work when the weather is good.",
    "Do you have this shirt in a larger size?", "The concert was cancelled because of the storm.",
    "My sister lives in a small village by the sea.", "Where can I buy a phone charger?",
    "The hotel room has a beautiful view of the mountains.", "I will call you when I arrive.",
    "How long does it take to get to the airport?", "The shop around the corner sells fresh bread.",
    "He forgot his umbrella at the office.", "Can we pay by card?",
    "I would like a glass of tap water, please.", "The price includes tax and service.",
    "Our neighbours have a very friendly dog.", "I have been waiting here for half an hour.",
    "Shall we meet in front of the cinema at seven?", "The lake is too cold for swimming today.",
    "We need to leave early tomorrow morning.", "Is there a pharmacy open on Sundays?",
    "My grandmother taught me how to knit.", "The road to the village is closed for repairs.",
]

group("translation", [
    "Translate the sentence \"{t}\" into French.",
    "How would you say \"{t}\" in Spanish?",
    "Translate \"{t}\" into German and explain any changes in word order.",
    "Give a natural Italian translation of \"{t}\"",
    "Translate \"{t}\" into Japanese and add a romanised version.",
    "Translate \"{t}\" into Portuguese, first word for word and then naturally.",
    "What is the most natural way to say \"{t}\" in Mandarin Chinese? Include pinyin.",
    "Translate \"{t}\" into Dutch, using the informal form of address.",
], TRANSLATION_SENTENCES, 120)

group("translation", [
    "Translate the following {about} into French.",
    "Translate the following {about} into Spanish, keeping the tone friendly.",
    "Translate the following {about} into German for a formal audience.",
    "Translate the following {about} into Italian, and list any phrases that were hard to translate.",
], TRANSLATION_TEXTS, 50, has_input=True)

# ---------------------------------------------------------------------------------------------
# summarisation
# ---------------------------------------------------------------------------------------------
group("summarisation", [
    "Summarize the following passage about {about} in two sentences.",
    "Write a one-sentence summary of this text about {about}.",
    "Summarise the key points of the following article on {about} as a bulleted list.",
    "Write a headline and a short summary for the following text about {about}.",
    "Summarize this passage about {about} for a ten-year-old reader.",
    "Condense the following text about {about} into no more than 50 words.",
    "Summarize the following passage about {about}, then name one question it leaves unanswered.",
    "Write a summary of this passage about {about} that would fit in a single social media post.",
], PASSAGES, 170, has_input=True)

# ---------------------------------------------------------------------------------------------
# extraction
# ---------------------------------------------------------------------------------------------
group("extraction", [
    "Extract all dates and years mentioned in the following text about {about}, in order.",
    "Extract the key facts from the following passage about {about} as a JSON object.",
    "Turn the following text about {about} into a list of facts, one per line, keeping every figure exactly.",
    "Pull out every number in the following text about {about} and say what each one refers to.",
], PASSAGES, 60, has_input=True)

EXTRACTION_BY_KIND = {
    "message": [
        "List every action item in the following {about}, with the person responsible and any deadline.",
        "Extract all dates, times and names from the following {about} into a table.",
        "Turn the following {about} into a calendar entry in JSON with a title, date, time and people involved.",
    ],
    "receipt": [
        "Extract each line item and its price from the following {about} into a JSON array.",
        "From the following {about}, extract the total amount, the date and who issued it.",
        "Convert the following {about} into a Markdown table of items, quantities and amounts.",
    ],
    "job": [
        "Extract the job title, employer, pay, location and closing date from the following {about}.",
        "List the requirements and the benefits mentioned in the following {about} as two separate lists.",
        "Turn the following {about} into a JSON object with one key for each piece of information it gives.",
    ],
    "recipe": [
        "Extract the ingredients and their quantities from the following {about} as a shopping list.",
        "Rewrite the following {about} as numbered steps, keeping every time and temperature.",
        "Extract every quantity and unit mentioned in the following {about} into a table.",
    ],
    "event": [
        "Extract the event name, date, time, place and price from the following {about}.",
        "Create a calendar entry in JSON from the following {about}.",
        "List every instruction or request given to readers in the following {about}.",
    ],
}
for _kind, _templates in EXTRACTION_BY_KIND.items():
    _docs = [d for d in DOCUMENTS if d["kind"] == _kind]
    group("extraction", _templates, _docs, len(_docs) * len(_templates), has_input=True)

group("extraction", [
    "Extract the positive and negative points from the following review of {about} into two lists.",
], REVIEWS, 30, has_input=True)

group("extraction", [
    "From the following customer message about {about}, extract the problem, any reference numbers and what the customer wants, as JSON.",
], CUSTOMER_MESSAGES, 20, has_input=True)

# ---------------------------------------------------------------------------------------------
# classification
# ---------------------------------------------------------------------------------------------
group("classification", [
    "Classify the sentiment of the following review of {about} as positive, negative or mixed.",
    "Read this customer review of {about} and label it as praise, complaint or suggestion.",
    "Decide whether the following review of {about} would help other customers decide, and explain why.",
    "Tag the following review of {about} with the aspects it mentions, such as price, quality or service.",
    "Rate the following review of {about} from 1 to 5 stars based on its tone, and justify the rating.",
], REVIEWS, 85, has_input=True)

group("classification", [
    "Classify the following customer message about {about} as billing, technical issue, delivery, account or other.",
    "Decide how urgent the following message about {about} is (low, medium or high) and explain why.",
    "Is the following message about {about} a question, a complaint, a request or praise? Answer with one word and a short reason.",
], CUSTOMER_MESSAGES, 55, has_input=True)

fixed("classification", [
    "Classify each of these animals as a mammal, bird, reptile, amphibian or fish: dolphin, eagle, salamander, shark, bat, tortoise, penguin, frog.",
    "Sort these foods into fruits and vegetables, and note any that are botanically surprising: tomato, carrot, cucumber, apple, spinach, avocado, pumpkin, celery.",
    "Group these words by part of speech: quickly, mountain, run, beautiful, under, happiness, swim, green, softly, teacher.",
    "Classify these materials as conductors or insulators of electricity: copper, rubber, glass, aluminium, wood, graphite, plastic, salt water.",
    "Label each of these sentences as a fact or an opinion: 'Paris is the capital of France.' 'Summer is the best season.' 'Water boils at 100 degrees Celsius at sea level.' 'Jazz is more interesting than pop.'",
    "Sort these countries by continent: Kenya, Peru, Vietnam, Norway, Canada, Egypt, Australia, Argentina, Poland, Thailand.",
    "Classify these household items as recyclable, compostable or general waste: banana peel, glass jar, greasy pizza box, newspaper, crisp packet, tea bag, aluminium can.",
    "Group these instruments into strings, woodwind, brass and percussion: cello, flute, trumpet, timpani, clarinet, harp, trombone, xylophone, oboe.",
    "Classify these numbers as prime or composite: 2, 9, 17, 21, 29, 33, 41, 49, 53, 57.",
    "Sort these historical events into the correct century: the first moon landing, the French Revolution, the invention of the telephone, the fall of the Berlin Wall, the signing of Magna Carta.",
    "Classify each of these as a renewable or non-renewable energy source: coal, wind, natural gas, solar, geothermal, oil, hydropower, uranium.",
    "Decide whether each of these is a solid, liquid or gas at room temperature: mercury, oxygen, iron, olive oil, carbon dioxide, butter, helium, honey.",
    "Group these sports into team sports and individual sports: tennis, rugby, golf, volleyball, archery, basketball, fencing, water polo.",
    "Classify these words as nouns, verbs or both: light, walk, table, paint, think, house, answer, bring.",
    "Label each of these email subject lines as likely spam or likely genuine: 'You have won a free cruise!!!', 'Minutes from Tuesday's meeting', 'Urgent: verify your account now', 'Invoice 4471 attached', 'Lose ten kilos in a week'.",
    "Sort these animals into herbivores, carnivores and omnivores: cow, lion, bear, rabbit, shark, pig, giraffe, crow.",
    "Classify these programming languages as mainly compiled or mainly interpreted: C, Python, Rust, Ruby, Go, JavaScript, C++, PHP.",
    "Classify each of these clouds by height (low, middle or high): cirrus, stratus, altostratus, cumulus, cirrostratus, nimbostratus.",
    "Sort these job titles into the public sector and the private sector, noting any that could be either: firefighter, bank teller, nurse, software engineer, postal worker, teacher, chef.",
    "Group these body parts into the skeletal, digestive and circulatory systems: femur, stomach, heart, skull, liver, artery, vein, small intestine.",
    "Classify these shapes by their number of lines of symmetry: square, equilateral triangle, rectangle, regular hexagon, circle, parallelogram.",
    "Match each of these typical scenes to a film genre (comedy, horror or romance): a jump scare, a misunderstanding at a wedding, a first kiss in the rain, a haunted house, a slapstick chase.",
    "Label each of these statements as true or false and correct the false ones: bats are blind; the Great Wall of China is visible from the Moon with the naked eye; octopuses have three hearts; goldfish have a three-second memory.",
    "Classify each of these customer requests as something a chatbot could handle alone or something that needs a human: resetting a password, disputing a large charge, checking opening hours, reporting a bereavement, tracking a parcel.",
    "Classify these hobbies as mostly indoor or mostly outdoor: knitting, kayaking, chess, birdwatching, baking, rock climbing, photography, gardening.",
    "Group these words by the emotion they express: furious, delighted, anxious, content, irritated, terrified, cheerful, uneasy.",
    "Sort these rocks into igneous, sedimentary and metamorphic: granite, limestone, marble, basalt, sandstone, slate, pumice, chalk.",
    "Classify each of these sentences as a question, a command, an exclamation or a statement: 'Close the door.' 'What a lovely day!' 'The train is late.' 'Are you coming?'",
    "Sort these expenses into fixed and variable costs for a small bakery: rent, flour, electricity, insurance, packaging, staff wages, butter, a loan repayment.",
    "Classify these inventions by the century in which they first appeared: the steam locomotive, the World Wide Web, the printing press, the aeroplane, the smartphone.",
    "Label each of these words as formal or informal: purchase, grab, commence, kids, reside, chill out, inquire, awesome.",
    "Classify these diseases as caused mainly by viruses, bacteria or fungi: measles, tuberculosis, athlete's foot, influenza, cholera, ringworm, chickenpox.",
    "Group these tasks by the Eisenhower matrix (urgent and important, important only, urgent only, neither): a tax deadline tomorrow, planning next year's goals, most phone notifications, scrolling social media, a burst pipe.",
    "Classify each of these as a weather event or a climate trend: a thunderstorm tonight, rising average summer temperatures, a heavy snowfall last week, longer droughts over decades.",
    "Classify these foods by their main nutrient (protein, carbohydrate or fat): lentils, rice, olive oil, chicken, bread, butter, eggs, pasta.",
    "Sort these planets into rocky planets and gas or ice giants: Mars, Jupiter, Venus, Neptune, Mercury, Saturn, Earth, Uranus.",
    "Classify these sentences by tense (past, present or future): 'She will travel to Rome.' 'I ate breakfast early.' 'They are playing chess.' 'We had finished before noon.'",
    "Label each of these business ideas as business-to-business or business-to-consumer: payroll software, a bakery, an office cleaning service, a clothing shop, a cloud hosting company, a dog groomer.",
    "Group these trees into evergreen and deciduous: oak, pine, holly, maple, spruce, birch, yew, beech.",
    "Classify these arguments as appeals to emotion, to authority or to logic: 'Nine out of ten dentists recommend it.' 'Think of the children!' 'If A is larger than B and B is larger than C, A is larger than C.'",
])

# ---------------------------------------------------------------------------------------------
# editing
# ---------------------------------------------------------------------------------------------
group("editing", [
    "Correct the spelling and grammar mistakes in the following {about}.",
    "Rewrite the following {about} so that it is more concise.",
    "Make the tone of the following {about} more formal.",
    "Rewrite the following {about} in a warmer, friendlier tone.",
    "Proofread this {about} and list every change you make.",
    "Rewrite the following {about} in plain English for a general audience.",
    "Shorten the following {about} to about half its length without losing key information.",
    "Improve the flow of the following {about} by fixing awkward sentences and transitions.",
], DRAFTS, 170, has_input=True)

# ---------------------------------------------------------------------------------------------
# analysis
# ---------------------------------------------------------------------------------------------
group("analysis", [
    "Analyse the following table of {about} and describe the two most important trends.",
    "What conclusions can be drawn from the following table of {about}? Mention any limits of the data.",
    "Identify any anomalies or surprising values in the following table of {about}.",
    "Write a short report for a manager summarising the following table of {about}.",
    "Suggest two charts that would best present the following table of {about}, and explain why.",
], TABLES, 70, has_input=True)

group("analysis", [
    "Identify the main point of the following passage about {about} and assess how well it is supported.",
    "What assumptions lie behind the following text about {about}?",
    "Analyse the tone and the intended audience of the following passage about {about}.",
], PASSAGES, 40, has_input=True)

DECISIONS = [
    "introducing a four-day school week",
    "a city switching all its street lights to LEDs",
    "a supermarket removing its self-checkout machines",
    "a small town building a bypass road",
    "a company moving to fully remote work",
    "a cafe launching a loyalty app",
    "banning cars near school gates at drop-off time",
    "raising the price of a streaming subscription",
    "a university offering only online lectures",
    "replacing paper receipts with digital ones",
    "a city hosting the Olympic Games",
    "opening a second branch of a family restaurant",
    "a national switch to electric buses",
    "a bookshop installing self-service tills",
    "shortening the school summer holiday",
    "a retailer closing all its physical stores",
    "allowing dogs on public transport",
    "planting a forest on former farmland",
    "introducing a sugar tax on soft drinks",
    "turning a town car park into a market square",
    "an airline charging for cabin bags",
    "a hospital offering video appointments",
    "a football club building a new stadium outside town",
    "a publisher releasing new books only as e-books",
    "a school replacing textbooks with tablets",
    "a bakery closing three days a week",
    "a city introducing a congestion charge",
    "a farm converting to organic production",
    "a library lending tools as well as books",
    "a company paying employees to cycle to work",
    "a village installing a community wind turbine",
    "a clothing brand offering free repairs for life",
    "a theatre introducing pay-what-you-can tickets",
    "a region banning new drive-through restaurants",
    "a tech company adopting meeting-free Wednesdays",
    "a town centre becoming pedestrian-only at weekends",
    "a streaming service adding adverts to its cheapest plan",
    "a gym opening around the clock",
    "a supermarket selling misshapen vegetables at a discount",
    "a school introducing a longer lunch break",
]

group("analysis", [
    "Analyse the pros and cons of {t}.",
    "What are the likely short-term and long-term effects of {t}?",
    "Carry out a simple SWOT analysis of {t}.",
    "Who benefits and who loses from {t}? Analyse the main stakeholders.",
    "What are the hidden costs of {t}?",
], DECISIONS, 110)


# ---------------------------------------------------------------------------------------------
# Assembly
# ---------------------------------------------------------------------------------------------
def render(template, topic):
    if isinstance(topic, dict):
        return template.format(**topic)
    return template.format(t=topic)


def pick_pairs(rng, n_templates, labels, count):
    """`count` distinct (template, topic) index pairs. Topics are used evenly; each topic cycles
    through the templates from a random offset, so no pair repeats; and a template is not given
    to two topics that share a content word ("the water cycle", "the rock cycle") while another
    template is free, so that seeds do not differ in one word only."""
    n_topics = len(labels)
    if count > n_templates * n_topics:
        raise SystemExit(f"group asks for {count} seeds but has only {n_templates * n_topics} pairs")
    topic_order = list(range(n_topics))
    rng.shuffle(topic_order)
    offsets = [rng.randrange(n_templates) for _ in range(n_topics)]
    words = [content_words(l) for l in labels]
    used = [set() for _ in range(n_topics)]
    users = [[] for _ in range(n_templates)]
    pairs = []
    for k in range(count):
        p = topic_order[k % n_topics]
        start = offsets[p] + len(used[p])
        free = [(start + d) % n_templates for d in range(n_templates)
                if (start + d) % n_templates not in used[p]]
        clean = [t for t in free if not any(words[p] & words[q] for q in users[t])]
        t = (clean or free)[0]
        used[p].add(t)
        users[t].append(p)
        pairs.append((t, p))
    return pairs


def topic_label(topic):
    if isinstance(topic, dict):
        return " ".join(v for k, v in topic.items() if k not in ("input", "kind"))
    return topic


STOPWORDS = {"the", "a", "an", "of", "and", "in", "on", "for", "to", "with", "by", "at", "as"}


def masked_keys(text):
    words = norm(text).split()
    return [" ".join(words[:i] + ["*"] + words[i + 1:]) for i in range(len(words))]


def build():
    """Returns the seeds (shuffled, with ids) and, per id, (group, template, topic words) so that
    the checks can tell topic variation from near-duplicate wording."""
    rng = random.Random(RANDOM_SEED)
    seeds = []
    for gi, g in enumerate(GROUPS):
        fam, has_input = g["family"], g["has_input"]
        if "generators" in g:
            per = g["count"] // len(g["generators"])
            for gen in g["generators"]:
                made, keys, tries = [], set(), 0
                while len(made) < per:
                    tries += 1
                    if tries > 5000:
                        raise SystemExit(f"generator {gen.__name__} cannot make {per} distinct problems")
                    text = gen(rng)
                    k = masked_keys(text)
                    if keys.intersection(k):
                        continue  # same as an earlier problem except for one word or number
                    keys.update(k)
                    made.append(text)
                for text in made:
                    seeds.append((dict(family=fam, instruction=text, input=""), (gi, None, text)))
        elif g["templates"] is None:
            for text in g["topics"]:
                seeds.append((dict(family=fam, instruction=text, input=""), (gi, None, text)))
        else:
            labels = [topic_label(t) for t in g["topics"]]
            for ti, pi in pick_pairs(rng, len(g["templates"]), labels, g["count"]):
                topic, label = g["topics"][pi], labels[pi]
                seeds.append((dict(family=fam, instruction=render(g["templates"][ti], topic),
                                   input=topic["input"] if has_input else ""), (gi, ti, label)))
    rng.shuffle(seeds)
    out, meta = [], {}
    for i, (s, m) in enumerate(seeds, 1):
        sid = f"s{i:05d}"
        out.append({"id": sid, "family": s["family"], "instruction": s["instruction"],
                    "input": s["input"]})
        meta[sid] = m
    return out, meta


def norm(text):
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())


def content_words(text):
    return set(norm(text).split()) - STOPWORDS


def topic_variation(m1, m2):
    """Two fillings of one template with unrelated topics (no content word in common) are
    legitimate variation even when each topic is a single word ("the orca", "the narwhal")."""
    return (m1[0] == m2[0] and m1[1] is not None and m1[1] == m2[1]
            and not content_words(m1[2]) & content_words(m2[2]))


def check(seeds, meta):
    problems = []
    seen = {}
    for s in seeds:
        key = norm(s["instruction"])
        if key in seen:
            problems.append(f"duplicate instruction: {s['id']} and {seen[key]}: {s['instruction']}")
        seen[key] = s["id"]
        for field in ("instruction", "input"):
            text = s[field]
            if any(ord(c) > 126 or (ord(c) < 32 and c not in "\n\t") for c in text):
                problems.append(f"{s['id']}: non-ASCII character in {field}")
            low = text.lower()
            for w in RESERVED:
                if w in low:
                    problems.append(f"{s['id']}: reserved word '{w}' in {field}")
            if "{" in text and field == "instruction":
                problems.append(f"{s['id']}: unfilled placeholder: {text}")
    # near duplicates: the same instruction except for one word
    masked = defaultdict(list)
    for s in seeds:
        for k in masked_keys(s["instruction"]):
            masked[k].append(s["id"])
    near = set()
    for ids in masked.values():
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                if not topic_variation(meta[ids[i]], meta[ids[j]]):
                    near.add(tuple(sorted((ids[i], ids[j]))))
    return problems, sorted(near)


def stats(seeds):
    fam = Counter(s["family"] for s in seeds)
    with_input = Counter(s["family"] for s in seeds if s["input"])
    return fam, with_input


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--out", default=os.path.join(root, "pipeline", "seeds", "seeds.jsonl"))
    ap.add_argument("--check", action="store_true", help="verify the existing file is up to date")
    ap.add_argument("--stats", action="store_true", help="print a Markdown table of counts")
    args = ap.parse_args()

    seeds, meta = build()
    problems, near = check(seeds, meta)
    byid = {s["id"]: s["instruction"] for s in seeds}
    problems += [f"near-duplicate instructions (differ in one word): {a} {byid[a]!r} / {b} {byid[b]!r}"
                 for a, b in near]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        raise SystemExit(f"{len(problems)} problem(s)")
    fam, with_input = stats(seeds)
    share = sum(with_input.values()) / len(seeds)
    if not 0.20 <= share <= 0.25:
        raise SystemExit(f"share of seeds with input is {share:.1%}, expected 20-25%")
    text = "".join(json.dumps(s, ensure_ascii=True) + "\n" for s in seeds)

    if args.check:
        with open(args.out, encoding="utf-8") as f:
            if f.read() != text:
                raise SystemExit(f"{args.out} is out of date; rerun scripts/make-seeds.py")
        print(f"{args.out} is up to date ({len(seeds)} seeds)")
        return
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {len(seeds)} seeds to {args.out} ({sum(with_input.values())} with input, {share:.1%})")
    if args.stats:
        print("\n| family | seeds | with input |\n|---|---:|---:|")
        for name in sorted(fam):
            print(f"| {name} | {fam[name]} | {with_input[name]} |")
        print(f"| **total** | **{len(seeds)}** | **{sum(with_input.values())}** |")


if __name__ == "__main__":
    main()
