#pragma once
/// [plugins.welcome]: how newcomers are greeted, screened and asked for their intake profile.

#include <chrono>
#include <string>
#include <vector>

#include "bot/config_schema.hpp"

namespace plugins::welcome {

struct config {
    // The welcome message.
    std::string group_name;                              ///< how the welcome names the group; empty: 本群
    std::chrono::seconds burst_window{10};               ///< joins within this window make one welcome
    int burst_max = 20;                                  ///< newcomers mentioned in one message at most
    bool show_rules = true;
    bool intake = true;                                  ///< ask for the intake profile: template, reminder
    bool icebreaker = true;                              ///< suggest a small red packet with the intro
    std::vector<std::string> rules{
        "本群用于交流学习、互相帮助｜目标一致，大家的时间才花得值",
        "禁止发广告、拉人、推销｜广告会赶走认真交流的人，发现即移出",
        "友善发言，不争吵、不刷屏｜好的氛围需要每个人维护"};

    // Intake profile (入群信息登记).
    std::vector<std::string> fields{"role:职位/岗位", "industry:行业", "strengths:擅长", "needs:诉求/需求",
                                    "hobbies:爱好"};
    int intake_min_fields = 3;                           ///< fields an unprompted message needs to count
    std::chrono::seconds intake_answer_timeout{600};    ///< per question in the guided conversation
    std::chrono::seconds remind_after{24 * 3600};       ///< no intro by then: remind, and list to admins
    int privacy_threshold = 50;                          ///< from this many members on, names are hidden
    std::vector<std::string> private_fields{"name", "company"};
    int who_max = 10;

    // Verification.
    std::string verify = "off";                          ///< off, arithmetic, question
    std::string verify_question = "本群的主题是什么？";
    std::vector<std::string> verify_answers{"读书"};
    std::chrono::seconds verify_timeout{300};
    int verify_retries = 3;
    bool verify_mute = true;
    std::string verify_on_timeout = "kick";              ///< kick, notify

    // Join requests.
    std::string requests = "admins";                     ///< admins, keywords
    std::vector<std::string> request_approve{};
    std::vector<std::string> request_reject{};
    std::string request_reject_reason = "申请信息不符合入群要求";

    // Leaving and admins.
    bool leave_notice = false;
    std::string admin_group;                             ///< where admin notices go; empty: the group itself

    static void describe(bot::schema<config>& s);
};

}  // namespace plugins::welcome
