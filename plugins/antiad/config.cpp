#include "plugins/antiad/config.hpp"

#include "plugins/antiad/actions.hpp"

namespace plugins::antiad {

void config::describe(bot::schema<config>& s) {
    using list = std::vector<std::string>;
    using check = std::function<std::optional<std::string>(list const&)>;
    s.one_of("mode", &config::mode, {"on", "off", "dry-run"}, "on acts, dry-run only reports, off does nothing");
    s.field("allow_domains", &config::allow_domains, "domains anyone may link to (subdomains included)");
    s.field("keywords", &config::keywords, "spam phrases, 2 points each (matched after normalisation)");
    s.field("soft_keywords", &config::soft_keywords, "pitch words, 1 point each");
    s.range("threshold", &config::threshold, 2, 20, "the score that makes an ad (a contact or link counts 3)");
    s.field("off_rules", &config::off_rules, "rules switched off in this group, by name");
    s.field("scan_images", &config::scan_images, "scan images: QR codes, known ad images and (with ocr_images) text");
    s.range("image_max_kb", &config::image_max_kb, 16, 20480, "largest image fetched for scanning, in KiB");
    s.field("image_timeout", &config::image_timeout, "how long an image download may take");
    s.field("ocr_images", &config::ocr_images, "read the text in images and check it like a message");
    s.field("ocr_timeout", &config::ocr_timeout, "how long reading one image's text may take")
        .check(&config::ocr_timeout, std::function<std::optional<std::string>(std::chrono::seconds const&)>(
                                         [](std::chrono::seconds const& v) -> std::optional<std::string> {
                                             if (v >= std::chrono::seconds(1) && v <= std::chrono::seconds(60))
                                                 return std::nullopt;
                                             return "between 1s and 60s";
                                         }));
    s.field("tessdata", &config::tessdata, "Tesseract's data folder; empty for its default").global_only();
    s.range("image_hash_distance", &config::image_hash_distance, 0, 32,
            "how many bits of 64 an image may differ from a known ad image and still be it");
    s.field("qr_allow", &config::qr_allow, "QR payload prefixes that may be posted");
    s.range("flood_messages", &config::flood_messages, 2, 1000, "messages within flood_window that count as a flood");
    s.field("flood_window", &config::flood_window, "the flood window");
    s.range("duplicate_count", &config::duplicate_count, 2, 100, "the same text this many times is spam");
    s.field("duplicate_window", &config::duplicate_window, "the window for repeated text (across groups too)");
    s.range("duplicate_min_chars", &config::duplicate_min_chars, 1, 1000, "shorter texts never count as repeats");
    s.range("newcomer_messages", &config::newcomer_messages, 0, 1000, "a newcomer's first N messages get strict rules");
    s.field("newcomer_window", &config::newcomer_window, "and their first hours after joining");
    s.field("default_action", &config::default_action, "actions when a rule fires, e.g. recall+escalate")
        .check(&config::default_action, std::function<std::optional<std::string>(std::string const&)>(
                                            [](std::string const& v) -> std::optional<std::string> {
                                                if (parse_actions(v)) return std::nullopt;
                                                return "actions among recall, warn, mute, kick, escalate, report "
                                                       "joined by '+'";
                                            }));
    s.field("rule_actions", &config::rule_actions, "per-rule actions as rule:actions, e.g. flood:mute")
        .check(&config::rule_actions, check([](list const& v) -> std::optional<std::string> {
            for (auto const& e : v)
                if (auto problem = check_rule_action(e)) return *problem;
            return std::nullopt;
        }));
    s.field("ladder", &config::ladder, "escalation steps: warn, mute DURATION, kick")
        .check(&config::ladder, check([](list const& v) -> std::optional<std::string> {
            if (v.empty()) return "at least one step";
            for (auto const& e : v)
                if (!parse_step(e)) return "steps like warn, mute 10m, kick";
            return std::nullopt;
        }));
    s.field("strike_window", &config::strike_window, "strikes older than this no longer count");
    s.field("mute_duration", &config::mute_duration, "how long the mute action mutes");
    s.field("report_to", &config::report_to, "where reports go: admins, owner, an admin group's ID, or off");
    s.field("learn_global", &config::learn_global, "ad samples marked with /ad also go to a list shared by groups");
    s.field("similarity_threshold", &config::similarity_threshold, "how similar to a learned sample fires (0..1)")
        .check(&config::similarity_threshold, std::function<std::optional<std::string>(double const&)>(
                                                  [](double const& v) -> std::optional<std::string> {
                                                      if (v >= 0.1 && v <= 1.0) return std::nullopt;
                                                      return "a number from 0.1 to 1";
                                                  }));
    s.range("similarity_min_chars", &config::similarity_min_chars, 2, 1000,
            "shorter messages are never compared with learned samples");
    s.range("learn_max_samples", &config::learn_max_samples, 1, 5000, "the most learned samples a group keeps");
}

}  // namespace plugins::antiad
