#include "plugins/antiad/config.hpp"

#include "plugins/antiad/actions.hpp"

namespace plugins::antiad {

void config::describe(bot::schema<config>& s) {
    using list = std::vector<std::string>;
    using check = std::function<std::optional<std::string>(list const&)>;
    s.one_of("mode", &config::mode, {"on", "off", "dry-run"}, "on acts, dry-run only reports, off does nothing");
    s.field("allow_domains", &config::allow_domains, "domains anyone may link to (subdomains included)");
    s.field("keywords", &config::keywords, "phrases that are an ad on their own (matched after normalisation)");
    s.field("soft_keywords", &config::soft_keywords, "pitch words; soft_threshold different ones make an ad");
    s.range("soft_threshold", &config::soft_threshold, 1, 20, "how many different pitch words make an ad");
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
    s.field("report_to", &config::report_to, "where reports go: empty, owner, or an admin group's ID");
}

}  // namespace plugins::antiad
