#pragma once
/// The detection rules as plain functions over values: message-type rules, text patterns on the
/// normalised views, and admins' own regexes. Every hit names its rule and the text it fired on.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/message.hpp"
#include "plugins/antiad/normalize.hpp"

namespace plugins::antiad {

/// A rule that fired, and on what.
struct hit {
    hit() = default;
    hit(std::string r, std::string m, std::string w = {}) : rule(std::move(r)), matched(std::move(m)), why(std::move(w)) {}

    std::string rule;     ///< "link", "mobile", "keyword", "admin#3", "miniapp", ...
    std::string matched;  ///< the (normalised) text or the segment that fired it
    /// Every contribution to the decision, for the log and the admins' report:
    /// "wechat +3 微信abc12345; pitch +1 赚钱". Empty for rules that are not scored.
    std::string why;
};

/// One piece of evidence in a text, with its weight.
struct signal {
    std::string rule;     ///< the family it counts for: "mobile", "wechat", "link", "keyword", "pitch", "cue", ...
    int weight = 0;       ///< a contact or link 3, a spam phrase 2, a pitch word, a cue or a weak link 1–2
    std::string matched;  ///< what it read
};

/// Everything the text rules found in one text, and what it adds up to.
struct assessment {
    std::vector<signal> signals;
    /// The contacts and links.
    int strong = 0;
    /// Keywords, pitch words, cues and weak links, after a warning about scams took its share off.
    int soft = 0;
    /// The text warns about scams ("被骗", "别信", "scam").
    bool warning = false;
    int score() const { return strong + soft; }
};

/// Domains and QR payloads a group allows.
struct allowlist {
    std::vector<std::string> domains;
    std::vector<std::string> qr_prefixes;
    /// True for a listed domain or any subdomain of one ("docs.github.com" under "github.com").
    bool domain_allowed(std::string_view host) const;
    /// True for a payload starting with a listed prefix, or a URL on an allowed domain.
    bool qr_allowed(std::string_view payload) const;
};

/// The host of a URL or bare domain ("https://a.b.com:8080/x" → "a.b.com"), lower-cased.
std::string host_of(std::string_view url);

/// The settings one check runs under.
struct check_options {
    allowlist const* allow = nullptr;
    std::vector<std::string> const* off_rules = nullptr;
    /// The score that makes an ad: a contact or a link counts 3, a spam phrase 2, a pitch word or a
    /// contact cue 1. With the default 3, a contact alone is an ad, pitch words and cues never are.
    std::int64_t threshold = 3;
    /// A newcomer: any link, card or file counts, and a score of 2 is enough.
    bool strict = false;
    /// Whether a rule is on: neither it nor its family ("admin" for "admin#3", "newcomer" for "newcomer.link") is
    /// switched off.
    bool rule_on(std::string_view rule) const;
};

/// Message-type rules: mini-programs, cards, contact and group cards, forwards, files.
std::optional<hit> check_segments(bot::message const& m, check_options const& o);
/// The text the text rules read: text segments plus what cards say about themselves.
std::string text_of(bot::message const& m);

/// The built-in patterns and a keyword configuration, compiled once.
class text_rules {
public:
    text_rules(std::vector<std::string> const& keywords, std::vector<std::string> const& soft_keywords);
    ~text_rules();
    text_rules(text_rules const&) = delete;
    text_rules& operator=(text_rules const&) = delete;

    /// The verdict on the normalised text: a hit when the signals add up to the threshold, named
    /// after the strongest signal.
    std::optional<hit> check(normalized const& n, check_options const& o) const;
    /// Every signal in the text with its weight (what `check` decides on).
    assessment assess(normalized const& n, check_options const& o) const;
    /// A contact number split over two consecutive messages of one member ("联系我 138 0000", then
    /// "0000 电话同号"): only a number that starts in `before` and ends in `after` counts.
    std::optional<hit> check_across(std::string_view before, std::string_view after, check_options const& o) const;
    /// The cheap prefilter: false when no keyword, pitch or contact pattern can match, so ordinary
    /// chat skips every regex.
    bool worth_matching(normalized const& n) const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// One admin-written regex.
struct admin_rule {
    std::int64_t id = 0;
    std::string pattern;
};

/// A group's admin regexes, run by RE2 (linear time, no backtracking) as one set.
class admin_rules {
public:
    explicit admin_rules(std::vector<admin_rule> const& rules);
    ~admin_rules();
    admin_rules(admin_rules const&) = delete;
    admin_rules& operator=(admin_rules const&) = delete;

    /// Why a pattern cannot be used (RE2's own words), or nullopt when it compiles.
    static std::optional<std::string> compile_error(std::string const& pattern);
    bool empty() const;
    /// Matches the original text and the normalised one; the hit is "admin#ID".
    std::optional<hit> check(std::string_view original, std::string_view compact) const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace plugins::antiad
