#include "plugins/antiad/config.hpp"

#include "plugins/antiad/actions.hpp"

namespace plugins::antiad {

void config::describe(bot::schema<config>& s) {
    using list = std::vector<std::string>;
    using check = std::function<std::optional<bot::expectation>(list const&)>;
    s.one_of("mode", &config::mode, {"on", "off", "dry-run"}, "on 处理广告，dry-run 只报告不处理，off 关闭");
    s.field("allow_domains", &config::allow_domains, "任何人都可以发链接的域名（含子域名）");
    s.field("keywords", &config::keywords, "广告词，每个 2 分（规范化后匹配）");
    s.field("soft_keywords", &config::soft_keywords, "推销词，每个 1 分");
    s.range("threshold", &config::threshold, 2, 20, "达到多少分算广告（联系方式或链接算 3 分）");
    s.field("off_rules", &config::off_rules, "本群关闭的规则名");
    s.field("scan_images", &config::scan_images, "检查图片：二维码、已知广告图，以及（开启 ocr_images 时）图中文字");
    s.range("image_max_kb", &config::image_max_kb, 16, 20480, "下载检查的图片最大多少 KiB");
    s.field("image_timeout", &config::image_timeout, "下载一张图片最多用多久");
    s.field("ocr_images", &config::ocr_images, "识别图片里的文字，像消息一样检查");
    s.field("ocr_timeout", &config::ocr_timeout, "识别一张图片的文字最多用多久")
        .check(&config::ocr_timeout, std::function<std::optional<bot::expectation>(std::chrono::seconds const&)>(
                                         [](std::chrono::seconds const& v) -> std::optional<bot::expectation> {
                                             if (v >= std::chrono::seconds(1) && v <= std::chrono::seconds(60))
                                                 return std::nullopt;
                                             return bot::expect::duration_range(std::chrono::seconds(1),
                                                                                std::chrono::seconds(60));
                                         }))
        .accepts(bot::expect::duration_range(std::chrono::seconds(1), std::chrono::seconds(60)));
    s.field("tessdata", &config::tessdata, "Tesseract 的数据目录；留空用它的默认位置").global_only();
    s.range("image_hash_distance", &config::image_hash_distance, 0, 32,
            "图片与已知广告图的 64 位指纹最多相差几位仍算同一张");
    s.field("qr_allow", &config::qr_allow, "允许发送的二维码内容前缀");
    s.range("flood_messages", &config::flood_messages, 2, 1000, "flood_window 内发多少条算刷屏");
    s.field("flood_window", &config::flood_window, "刷屏的统计时长");
    s.range("duplicate_count", &config::duplicate_count, 2, 100, "同样的内容发这么多次算刷屏");
    s.field("duplicate_window", &config::duplicate_window, "重复内容的统计时长（跨群也算）");
    s.range("duplicate_min_chars", &config::duplicate_min_chars, 1, 1000, "比这更短的内容不算重复");
    s.range("newcomer_messages", &config::newcomer_messages, 0, 1000, "新人的前几条消息按严格规则检查");
    s.field("newcomer_window", &config::newcomer_window, "以及入群后的这段时间");
    s.field("default_action", &config::default_action, "规则命中时的处理，用 + 连接，如 recall+escalate")
        .check(&config::default_action, std::function<std::optional<bot::expectation>(std::string const&)>(
                                            [](std::string const& v) -> std::optional<bot::expectation> {
                                                if (parse_actions(v)) return std::nullopt;
                                                return bot::expect::custom(
                                                    "antiad.expect.actions",
                                                    "actions among recall, warn, mute, kick, escalate, report "
                                                    "joined by '+'");
                                            }));
    s.field("rule_actions", &config::rule_actions, "按规则指定处理，写作「规则:处理」，如 flood:mute")
        .check(&config::rule_actions, check([](list const& v) -> std::optional<bot::expectation> {
            for (auto const& e : v)
                if (auto problem = check_rule_action(e))
                    return bot::expect::custom("antiad.expect.rule_actions", *problem, {{"item", e}});
            return std::nullopt;
        }));
    s.field("ladder", &config::ladder, "逐级处罚的步骤：warn 警告、mute 时长 禁言、kick 移出")
        .check(&config::ladder, check([](list const& v) -> std::optional<bot::expectation> {
            if (v.empty()) return bot::expect::custom("antiad.expect.ladder", "at least one step");
            for (auto const& e : v)
                if (!parse_step(e)) return bot::expect::custom("antiad.expect.ladder", "steps like warn, mute 10m, kick");
            return std::nullopt;
        }));
    s.field("strike_window", &config::strike_window, "超过这么久的违规不再累计");
    s.field("mute_duration", &config::mute_duration, "mute 处理禁言多久");
    s.field("report_to", &config::report_to, "报告发给谁：admins 管理员、owner 群主、管理群的 ID，或 off 不报告");
    s.field("learn_global", &config::learn_global, "用 /ad 标记的广告样本也加入各群共享的列表");
    s.field("similarity_threshold", &config::similarity_threshold, "与已学样本相似到多少就命中（0 到 1）")
        .check(&config::similarity_threshold, std::function<std::optional<bot::expectation>(double const&)>(
                                                  [](double const& v) -> std::optional<bot::expectation> {
                                                      if (v >= 0.1 && v <= 1.0) return std::nullopt;
                                                      return bot::expect::number_range(0.1, 1.0);
                                                  }))
        .accepts(bot::expect::number_range(0.1, 1.0));
    s.range("similarity_min_chars", &config::similarity_min_chars, 2, 1000,
            "比这更短的消息不与已学样本比较");
    s.range("learn_max_samples", &config::learn_max_samples, 1, 5000, "每个群最多保留多少条已学样本");
}

}  // namespace plugins::antiad
