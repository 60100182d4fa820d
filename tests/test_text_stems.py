from quizgen.text.stems import content_stems, same_story


def test_content_stems_reduce_word_forms_and_drop_stopwords():
    assert content_stems("the removal of the president") == {"remov", "presi"}
    assert content_stems("the coup that removed him") == {"coup", "remov"}


def test_one_story_shares_its_words_and_names():
    assert same_story("the fire broke out", "the fire was put out")
    assert same_story("the fire in Notre-Dame", "the Notre-Dame spire fell")


def test_different_names_make_different_stories():
    assert not same_story("the military takeover in Mali", "the military takeover in Burkina Faso")
    assert not same_story("the ship ran aground", "the canal reopened")
