use super::*;

/// VADER's compound from `vader-parity`, which reproduces Python's vaderSentiment 3.3.2 exactly.
fn reference(text: &str) -> f64 {
    thread_local! {
        static VADER: vader_parity::SentimentIntensityAnalyzer = vader_parity::SentimentIntensityAnalyzer::new();
    }
    VADER.with(|v| v.polarity_scores(text).compound)
}

#[test]
fn compound_scores_worked_out_by_hand_from_the_lexicon() {
    // sum / √(sum² + 15) with great 3.1, good 1.9, easy 1.9, support 1.7, helpful 1.8; "very" adds
    // 0.293, a negation multiplies by −0.74, each "!" adds 0.292, before "but" weighs 0.5.
    for (text, compound) in [
        ("great", 0.6249),                       // 3.1 / √24.61
        ("not great", -0.5096),                  // −2.294 / √20.262
        ("very good", 0.4927),                   // 2.193 / √19.809
        ("Good!!!", 0.5826),                     // 2.776 / √22.706
        ("good but slow", 0.2382),               // 0.95 / √15.9025 ("slow" is not in the lexicon)
        ("Great support, very helpful", 0.8718), // 6.893 / √62.51
        ("not easy to find the billing page", -0.3412),
    ] {
        assert_eq!(vader::compound(text), compound, "{text}");
    }
}

#[test]
fn compound_scores_of_the_vader_readme() {
    // The examples of vaderSentiment's README with the compound scores it lists.
    for (text, compound) in [
        ("VADER is smart, handsome, and funny.", 0.8316),
        ("VADER is smart, handsome, and funny!", 0.8439),
        ("VADER is very smart, handsome, and funny.", 0.8545),
        ("VADER is VERY SMART, handsome, and FUNNY.", 0.9227),
        ("VADER is VERY SMART, handsome, and FUNNY!!!", 0.9342),
        ("VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!", 0.9469),
        ("VADER is not smart, handsome, nor funny.", -0.7424),
        ("The book was good.", 0.4404),
        ("At least it isn't a horrible book.", 0.431),
        ("The book was only kind of good.", 0.3832),
        ("The plot was good, but the characters are uncompelling and the dialog is not great.", -0.7042),
        ("Today SUX!", -0.5461),
        ("Today only kinda sux! But I'll get by, lol", 0.5249),
        ("Make sure you :) or :D today!", 0.8633),
        ("Not bad at all", 0.431),
    ] {
        assert_eq!(vader::compound(text), compound, "{text}");
    }
}

#[test]
fn every_lexicon_word_scores_as_the_reference_does() {
    // Each entry alone, lower and upper case, with and without "not", "very" and "!".
    let lexicon = include_str!("../../data/vader_lexicon.tsv");
    let mut checked = 0;
    for word in lexicon.lines().filter_map(|l| l.split('\t').next()) {
        for text in [word.to_string(), format!("not {word}"), format!("it is very {word}!"), format!("{} or not", word.to_uppercase())] {
            assert_eq!(vader::compound(&text), reference(&text), "{text}");
            checked += 1;
        }
    }
    assert_eq!(checked, 4 * 7520);
}

#[test]
fn rules_score_as_the_reference_does() {
    for text in [
        "The support team was extremely helpful and kind",
        "Not easy to find settings, confusing navigation",
        "It's not bad, but the export is slow and sometimes crashes",
        "I never had such a bad experience",
        "This is never so good",
        "Without doubt the best tool we use",
        "The billing page is the least intuitive part",
        "At least the app doesn't crash",
        "Very least I expected an answer",
        "The new dashboard is kind of nice",
        "Onboarding was sort of confusing",
        "No problems at all, no complaints",
        "no good",
        "Pricing? Expensive??? Really????",
        "It is the bomb! Yeah right, the shit",
        "kiss of death for our team",
        "the UI is GREAT but the API is TERRIBLE",
        "Support was GOOD",
        "hardly useful, barely works, slightly annoying",
        "I don't love it and I don't hate it",
        "Isn't it great?",
        "We can't recommend it enough :) :(",
        "Reliable and simple, would recommend",
        "Too expensive for a small team",
        "Support took three days to answer",
        "",
        "   ",
        "!!!",
    ] {
        assert_eq!(vader::compound(text), reference(text), "{text}");
    }
}

#[test]
fn sentiment_uses_the_vader_thresholds() {
    assert_eq!(Sentiment::of(0.05), Sentiment::Positive);
    assert_eq!(Sentiment::of(0.0499), Sentiment::Neutral);
    assert_eq!(Sentiment::of(-0.05), Sentiment::Negative);
    assert_eq!(read("We use it daily"), Some((Sentiment::Neutral, 0.0)));
    assert_eq!(read("Great support, very helpful"), Some((Sentiment::Positive, 0.8718)));
}

#[test]
fn german_french_and_other_scripts_are_not_analysed() {
    for text in [
        "Der Support ist sehr gut",
        "Das Produkt ist super, aber zu teuer",
        "Le support est lent et la facturation est compliquée",
        "Le produit est super, mais trop cher",
        "El soporte es muy lento",
        "Поддержка очень медленная",
        "客服很好",
    ] {
        assert_eq!(read(text), None, "{text}");
    }
    for text in ["Slow export", "Support took three days to answer", "Super product, no problems", "No funciona? Not for us"] {
        assert!(read(text).is_some(), "{text}");
    }
    assert!(language::other_languages().any(|l| l == "German"));
}

#[test]
fn themes_are_keywords_and_bigrams_counted_once_per_comment() {
    // Hand count over the four comments: "billing page" in 1, 2 and 4 (twice in 4: once);
    // "billing" also alone in 3, so it has 4 comments; "page" only in "billing page" (3
    // comments: left out); "slow" in 2 and 3; "export" only in 3; "the", "is", "and" are stop
    // words; in 4, "page, billing" crosses a sentence break, so it is no bigram.
    let texts = ["The billing page is confusing", "Billing page is slow", "Slow billing and export", "billing page, billing page!"];
    let found = themes::themes(&texts, 10);
    let got: Vec<(&str, bool, &[usize])> = found.iter().map(|f| (f.text.as_str(), f.bigram, f.comments.as_slice())).collect();
    assert_eq!(got, [("billing", false, &[0, 1, 2, 3][..]), ("billing page", true, &[0, 1, 3][..]), ("slow", false, &[1, 2][..])]);
    assert_eq!(themes::themes(&texts, 1).len(), 1);
}

#[test]
fn the_summary_counts_per_month_and_lists_the_comments_behind_each_theme() {
    let day = |y, m, d| Some(crate::calendar::days_from_civil(y, m, d));
    let comments = [
        Comment { line: 2, day: day(2025, 5, 3), text: "Great support, very helpful" }, // 0.8718
        Comment { line: 3, day: day(2025, 5, 20), text: "Support was slow" },           // 0.4019: support 1.7
        Comment { line: 5, day: day(2025, 6, 1), text: "Der Support ist langsam" },     // German
        Comment { line: 6, day: day(2025, 6, 2), text: "not easy to find the billing page" }, // −0.3412
        Comment { line: 7, day: None, text: "the billing page" },                       // 0
        Comment { line: 8, day: day(2025, 6, 9), text: "  " },                          // blank
    ];
    let s = summarize(comments, 10);
    assert_eq!((s.total, s.undated), (5, 1));
    assert_eq!(s.counts, SentimentCounts { positive: 2, neutral: 1, negative: 1, not_analysed: 1 });
    let periods: Vec<(&str, SentimentCounts)> = s.periods.iter().map(|p| (p.period.as_str(), p.counts)).collect();
    assert_eq!(
        periods,
        [
            ("2025-05", SentimentCounts { positive: 2, ..Default::default() }),
            ("2025-06", SentimentCounts { negative: 1, not_analysed: 1, ..Default::default() })
        ]
    );
    // "support" in lines 2 and 3 (the German comment is not analysed); "billing page" in 6 and 7.
    let themes: Vec<(&str, u64, SentimentCounts)> = s.themes.iter().map(|t| (t.text.as_str(), t.comments, t.counts)).collect();
    assert_eq!(
        themes,
        [
            ("billing page", 2, SentimentCounts { neutral: 1, negative: 1, ..Default::default() }),
            ("support", 2, SentimentCounts { positive: 2, ..Default::default() })
        ]
    );
    let lines: Vec<(u64, &str, Sentiment)> = s.themes[1].shown.iter().map(|c| (c.line, c.text.as_str(), c.sentiment)).collect();
    assert_eq!(lines, [(2, "Great support, very helpful", Sentiment::Positive), (3, "Support was slow", Sentiment::Positive)]);
}

#[test]
fn a_theme_shows_at_most_fifty_comments_and_counts_them_all() {
    // Themes: "export failed" (which covers "export" and "failed") and "file"; numbers are none.
    let texts: Vec<String> = (0..120).map(|i| format!("Export failed on file {i}")).collect();
    let s = summarize(texts.iter().enumerate().map(|(i, t)| Comment { line: i as u64 + 2, day: None, text: t }), 5);
    let names: Vec<&str> = s.themes.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(names, ["export failed", "file"]);
    let export = &s.themes[0];
    assert_eq!((export.comments, export.shown.len(), export.shown[49].line), (120, SHOWN_PER_THEME, 51));
    // "failed" is −2.3 in the lexicon: every comment is negative.
    assert_eq!(export.counts.negative, 120);
}
