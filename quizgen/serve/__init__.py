"""``quizgen serve``: review decks in the browser, on 127.0.0.1 only.

- ``workspace``: the decks, loaded and checked as build does, again when a file changes;
- ``views``: what each page shows, as plain data; ``highlight``: evidence in its article;
- ``actions``: what the controls write (the review file, draft facts), through ``writes``
  (atomic, and never over an edit made elsewhere) and ``sheet_edit`` (a sheet's text kept
  byte for byte around the change);
- ``anki_cards``: cards as Anki fills them in, for the preview; ``watch``: live reload;
- ``app``: the Starlette app; ``server``: uvicorn on a loopback socket.

Like a command, it sits around the pipeline: it reads every stage's results, and no stage
imports it.
"""
