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
    /// Spam phrases, 2 points each: never an ad alone, an ad with a pitch word, a cue or another phrase.
    std::vector<std::string> keywords{
        "刷单",   "日入",     "日赚",     "日结",     "扫码进群", "扫码加群", "招代理",   "诚招代理", "代理加盟",
        "宝妈兼职", "在家兼职", "兼职日结", "躺赚",     "网赚",     "零投资",   "免费领取", "点击领取", "博彩",
        "菠菜",   "bo彩",     "彩金",     "裸聊",     "套现",     "代开发票", "引流",     "涨粉",     "返利群",
        "进群领", "拉人头",   "高佣",     "时时彩",   "百家乐",   "六合彩",   "办证",     "代孕",     "网贷",
        "秒批",   "代开",     "注册就送", "一单一结", "打字员",   "点赞员",   "日薪",     "月入过万", "稳赚不赔", "带单",     "usdt",     "easy money",
        "guaranteed profit", "passive income", "work from home", "earn money", "make money online",
        "跑分",   "代考",     "包过",     "稳单",     "包红",     "彩票计划", "跟单计划", "出售银行卡", "收购银行卡",
        "实名手机卡", "刷流水", "好评返现", "刷好评",   "刷信誉",   "垫付",     "体验金",   "首存",     "网赌",
        "上下分", "代实名",   "零成本",   "有手就行", "小白也能做", "double your money", "100% profit",
        "内幕消息", "牛股",   "荐股",     "平台账号", "recover lost funds", "lost funds", "extra income",
        "investment opportunity", "hot singles"};
    /// Pitch words, 1 point each: harmless alone and in pairs ("免费的水果，员工福利").
    std::vector<std::string> soft_keywords{
        "代理", "兼职",   "推广", "赚钱",     "副业",   "收益",   "福利",   "免费",   "稳赚",
        "秒到账", "返利", "领取", "佣金",     "提现",   "投资",   "回报",   "宝妈",   "零门槛",   "无门槛",
        "手机操作", "代还",   "带货",   "首充",   "注册",   "轻松", "高薪", "在家",   "月入",   "项目",   "红包",   "资源",   "earn",     "profit",
        "income", "bonus", "investment", "crypto", "forex", "click here", "limited", "free", "money", "join now",
        "接单", "派单", "做任务", "当天结", "秒结", "现结", "回本", "翻倍", "返现", "无需押金", "免押", "时间自由",
        "学生党", "包教包会", "带你赚", "回血", "亏了全赔", "signal", "signals", "guaranteed", "airdrop",
        "出售", "代办", "下卡", "invest", "returns", "bitcoin", "btc", "daily", "a day", "per day",
        "from your phone", "profits"};
    /// The score that makes an ad: a contact or a link 3, a spam phrase 2, a pitch word or a contact
    /// cue 1 (see the README). A warning about scams in the same message takes 3 off the weak part.
    std::int64_t threshold = 3;
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
    std::string default_action = "recall+escalate+report";
    /// Per-rule overrides as "rule:actions", e.g. "flood:mute", "file:recall+warn".
    std::vector<std::string> rule_actions{"flood:recall+mute+report"};
    /// The escalation ladder: the Nth strike within `strike_window` takes the Nth step (the last repeats).
    std::vector<std::string> ladder{"warn", "mute 10m", "mute 1d", "kick"};
    std::chrono::seconds strike_window{std::chrono::hours(24 * 30)};
    std::chrono::seconds mute_duration{600};
    /// Where reports go: "admins" (each admin and the owner in private), "owner" (the group owner in
    /// private), a group ID (an admin group), or "off" / "" (no reports; notices that admins must
    /// see go to the group).
    std::string report_to = "admins";

    /// Ad samples an admin marked with /ad also go to a list every group with this switch shares.
    bool learn_global = false;
    /// How similar (cosine of token counts, 0..1) a message must be to a learned sample to fire `similar`.
    double similarity_threshold = 0.6;
    /// Shorter messages (in characters, after normalisation) are never compared with samples.
    std::int64_t similarity_min_chars = 10;
    /// The most samples a group (and the global list) keeps; the oldest go first.
    std::int64_t learn_max_samples = 200;

    static void describe(bot::schema<config>& s);
};

}  // namespace plugins::antiad
