#pragma once
/// [plugins.antiad]: what counts as an ad, what happens to it, and who is spared.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "bot/config_schema.hpp"

namespace plugins::antiad {

struct config {
    /// "on" acts, "dry-run" only reports what it would do, "off" does nothing.
    std::string mode = "on";
    /// Domains (and their subdomains) anyone may link to; groups add more with /antiad allow.
    std::vector<std::string> allow_domains;
    /// Words and phrases that are an ad on their own (matched after normalisation).
    std::vector<std::string> keywords{"刷单",   "日入",     "日赚",     "日结",     "扫码进群", "扫码加群",
                                      "招代理", "诚招代理", "代理加盟", "宝妈兼职", "在家兼职", "兼职日结",
                                      "躺赚",   "网赚",     "零投资",   "免费领取", "点击领取", "博彩",
                                      "菠菜",   "彩金",     "裸聊",     "套现",     "代开发票", "引流",
                                      "涨粉",   "返利群",   "进群领",   "拉人头",   "高佣"};
    /// Pitch words that are harmless alone; `soft_threshold` different ones in a message make an ad.
    std::vector<std::string> soft_keywords{"代理", "兼职",      "私聊",      "加微",         "加我",
                                           "推广", "赚钱",      "副业",      "收益",         "福利",
                                           "免费", "有意者",    "名额有限",  "稳赚",         "秒到账",
                                           "dmme", "clickhere", "earnmoney", "workfromhome", "passiveincome"};
    std::int64_t soft_threshold = 2;
    /// Rules switched off (by name, see the README); files and forwarded bundles pass by default.
    std::vector<std::string> off_rules{"file", "forward"};

    bool scan_images = true;
    std::int64_t image_max_kb = 2048;
    std::chrono::seconds image_timeout{5};
    /// Read the text in images (Tesseract, chi_sim+eng) and put it through the text rules.
    bool ocr_images = true;
    std::chrono::seconds ocr_timeout{3};
    /// Tesseract's data folder (with chi_sim and eng); empty for Tesseract's default or TESSDATA_PREFIX.
    std::string tessdata;
    /// A posted image within this many bits (of 64) of a known ad image's hash is that ad.
    std::int64_t image_hash_distance = 10;
    /// QR payloads that may be posted (prefixes, e.g. "https://github.com/"); allowed domains also pass.
    std::vector<std::string> qr_allow;

    std::int64_t flood_messages = 8;
    std::chrono::seconds flood_window{10};
    std::int64_t duplicate_count = 3;
    std::chrono::seconds duplicate_window{600};
    std::int64_t duplicate_min_chars = 6;
    std::int64_t newcomer_messages = 5;
    std::chrono::seconds newcomer_window{std::chrono::hours(24)};

    /// What happens when a rule fires: "recall", "warn", "mute", "kick", "escalate", "report", joined by '+'.
    std::string default_action = "recall+escalate";
    /// Per-rule overrides as "rule:actions", e.g. "flood:mute", "file:recall+warn".
    std::vector<std::string> rule_actions{"flood:recall+mute"};
    /// The escalation ladder: the Nth strike within `strike_window` takes the Nth step (the last repeats).
    std::vector<std::string> ladder{"warn", "mute 10m", "mute 1d", "kick"};
    std::chrono::seconds strike_window{std::chrono::hours(24 * 30)};
    std::chrono::seconds mute_duration{600};
    /// Where reports go: "" (the group itself, only when admins must know), "owner" (the group owner
    /// in private), or a group ID (an admin group).
    std::string report_to;

    static void describe(bot::schema<config>& s);
};

}  // namespace plugins::antiad
