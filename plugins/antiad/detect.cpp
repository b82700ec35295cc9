#include "plugins/antiad/detect.hpp"

#include <re2/re2.h>
#include <re2/set.h>

#include <libpsl.h>

#include <algorithm>
#include <array>
#include <bitset>
#include <functional>

namespace plugins::antiad {

namespace {

bool ends_with_label(std::string_view host, std::string_view domain) {
    if (host == domain) return true;
    return host.size() > domain.size() && host.ends_with(domain) && host[host.size() - domain.size() - 1] == '.';
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
}

re2::RE2::Options options(bool case_sensitive = true) {
    re2::RE2::Options o;
    o.set_log_errors(false);
    o.set_case_sensitive(case_sensitive);
    return o;
}

/// Suffixes under which a bare "name.tld" is a link on its own: the usual ones and those spammers
/// register cheaply. Any other known suffix ("readme.md", "Mr.Wang", "socket.io") is a weak link
/// that needs a second signal.
constexpr std::array<std::string_view, 38> commercial_tlds{
    "com", "cn",   "net",  "org",  "top",  "xyz",   "vip",     "club",   "shop", "site",
    "online", "icu", "cyou", "buzz", "info", "biz", "tk",      "ml",     "ga",   "cf",
    "gq",   "pw",   "store", "website", "asia", "ltd", "hk",  "tw",     "ru",   "win",
    "bid",  "loan", "bet",  "casino", "fun", "life", "com.cn", "net.cn"};

/// Endings that name files and languages rather than sites ("index.html", "app.py", "Vue.js"):
/// never a link without a scheme, even where the ending is also a top-level domain.
constexpr std::array<std::string_view, 64> file_endings{
    "js",   "ts",  "jsx",  "tsx",  "mjs",  "py",   "rb",   "go",   "rs",   "java", "kt",  "swift", "c",
    "h",    "cc",  "cpp",  "hpp",  "cs",   "php",  "pl",   "sh",   "bat",  "md",   "txt", "json",  "yaml",
    "yml",  "toml", "xml", "html", "htm",  "css",  "scss", "vue",  "lua",  "sql",  "csv", "log",   "ini",
    "cfg",  "conf", "exe", "dll",  "so",   "zip",  "rar",  "gz",   "pdf",  "doc",  "docx", "xls", "xlsx",
    "ppt",  "pptx", "png", "jpg",  "jpeg", "gif",  "svg",  "mp3",  "mp4",  "mov",  "apk",  "out"};

/// Names of technologies written like domains.
constexpr std::array<std::string_view, 8> tech_names{"asp.net", "vb.net",  "ado.net",   "ml.net",
                                                     "dot.net", "f#.net", "socket.io", "deno.land"};

/// Sites everyone mentions: a bare mention is no evidence, a full link to one needs a second signal.
constexpr std::array<std::string_view, 44> popular_sites{
    "baidu.com",    "qq.com",        "taobao.com",    "tmall.com",       "jd.com",        "163.com",
    "126.com",      "sina.com",      "weibo.com",     "zhihu.com",       "bilibili.com",  "douban.com",
    "douyin.com",   "xiaohongshu.com", "csdn.net",    "github.com",      "gitee.com",     "google.com",
    "youtube.com",  "wikipedia.org", "apple.com",     "microsoft.com",   "python.org",    "stackoverflow.com",
    "amazon.com",   "bing.com",      "gov.cn",        "edu.cn",          "12306.cn",      "alipay.com",
    "mi.com",       "huawei.com",    "tencent.com",   "aliyun.com",      "icloud.com",    "outlook.com",
    "gmail.com",    "hotmail.com",   "openai.com",    "feishu.cn",       "dingtalk.com",  "kdocs.cn",
    "weixin.qq.com", "mp.weixin.qq.com"};

/// Words that warn about scams or state the rules: a keyword in such a message is talk about spam,
/// not spam ("听说有人做刷单被骗了，别信"). Contacts and links still count.
constexpr char const* warning_compact =
    "被骗|骗子|诈骗|骗局|骗钱|骗人|是骗|别信|不要信|勿信|小心|当心|谨防|防骗|举报|提醒|千万别|千万不要|禁止|群规|"
    "不允许|违规|不要发|别发|是假的|上当|别上|不要相信|别相信|警惕|拉黑|割韭菜|韭菜|广告|一律踢|踢出|远离|别碰|套路|"
    "十有八九|多半是|都是假|骗局|违法|犯法|判刑|不能找|不合法|非法|踢了|被踢|管理员|无视|别理|不要理|屏蔽|字眼|"
    "这种话|这类|别加|不要加|已拉黑|反诈|报警";
constexpr char const* warning_spaced =
    "\\b(?:scams?|scammers?|scammed|beware|fraud|fake|phishing|don't trust|do not trust|never send|never pay|"
    "watch out|be careful|warning|report them|block them|spam)\\b";

/// Contact channels and calls to action: one alone is chat ("我发你微信了", "私聊你了"). Chinese ones
/// are read in the compact view (so "加 我" counts), Latin ones as words.
constexpr char const* cue_compact =
    "(微信|加我|私聊|私信|联系我|联系方式|咨询|详询|详谈|找我|速来|速加|进群|入群|加群|名额有限|了解一下|有意者|私我|私你|"
    "滴我|戳我|扫码|飞机|电报|备注|主页|扣1|扣一|要的私|想做的|感兴趣的|拉你|滴滴我|私戳|有意向|头像|看主页)";
constexpr char const* cue_spaced =
    "(\\bdm me\\b|\\bpm me\\b|\\bmessage me\\b|\\bcontact me\\b|\\btext me\\b|\\badd me\\b|\\bwhatsapp\\b|"
    "\\btelegram\\b|\\bvx\\b|\\bwx\\b|\\bqq\\b|\\binbox me\\b|\\bdm\\b|\\breach me\\b|\\bemail me\\b|"
    "\\bfor details\\b|\\bwrite to me\\b|\\bhit me up\\b|\\bmy profile\\b|\\blink in (?:my )?bio\\b|"
    "\\bcheck my bio\\b|\\bclick my\\b)";

/// What makes a number or an ID a contact, by the words just before it (Chinese read squeezed,
/// without spaces and punctuation, so "微 信 号：" and "君 羊：" count; Latin read as words).
struct cue_family {
    char const* rule;
    char const* cjk;
    char const* latin;
};
constexpr std::array<cue_family, 5> cue_families{{
    {"qq", "(qq|扣扣|q群|群号|q号|加q|群|君羊|企鹅|vq|扣|秋秋|球球|q裙)", "\\b(qq|q|qun|vq|qq号)\\b"},
    {"wechat", "(微信|v信|威信|加微|加v|卫星|绿泡泡|绿色软件|绿软|微同号|微号|微x|微$|vx|wx|亻言|公众号)",
     "\\b(vx|wx|v ?x|w ?x|we ?chat|wei ?xin|vei ?xin|weixin hao|wx hao|v)\\b"},
    {"telegram", "(飞机|电报)", "\\b(tg|telegram|tele)\\b"},
    {"mobile", "(电话|手机|热线|来电|致电|号码|shouji|dianhua)",
     "\\b(tel|phone|call|whatsapp|mobile|cell|number|text me|shou ji|dian hua)\\b"},
    {"number", "(加我|联系|找我|私聊|私信|速来|速加|备注)", "\\b(dm|add me|contact|reach me|ping me|message me)\\b"},
}};

/// Labels of numbers that are not contacts.
constexpr char const* innocent_compact =
    "(单号|订单|运单|快递|物流|学号|工号|编号|会议|房间|卡号|尾号|身份证|序列号|型号|票号|车次|航班|发票号|编码|isbn|邮编|"
    "账单|流水|取件码|验证码|密码|桌号|座位|门牌|准考证|考号|步数|运动|积分|分数|成绩|排名|版本)";
constexpr char const* innocent_spaced =
    "\\b(order|tracking|meeting|room|flight|isbn|pin|code|zoom|invoice|ticket|version|score|steps)\\b";

/// What follows a quantity, not an identifier ("群里 12000 人").
constexpr std::array<std::string_view, 46> units{
    "人", "个", "元", "块", "页", "分", "天", "字", "次", "条", "届", "年", "月", "日", "位", "名次",
    "楼", "层", "本", "张", "份", "岁", "斤", "米", "万", "千", "百", "亿", "期", "章", "集", "行",
    "遍", "步", "秒", "件", "首", "篇", "题", "道", "节", "课", "笔", "克", "%", "号"};

std::uint32_t bigram(char32_t a, char32_t b) {
    return (static_cast<std::uint32_t>(a) * 31u + b) & 0xFFFFu;
}

}  // namespace

bool allowlist::domain_allowed(std::string_view host) const {
    for (auto const& d : domains)
        if (ends_with_label(host, lower(d))) return true;
    return false;
}

bool allowlist::qr_allowed(std::string_view payload) const {
    for (auto const& p : qr_prefixes)
        if (!p.empty() && payload.starts_with(p)) return true;
    auto l = lower(payload);
    if (l.starts_with("http://") || l.starts_with("https://")) return domain_allowed(host_of(l));
    return false;
}

std::string host_of(std::string_view url) {
    auto l = lower(url);
    std::string_view v = l;
    if (auto p = v.find("://"); p != std::string_view::npos) v.remove_prefix(p + 3);
    if (auto at = v.find('@'); at != std::string_view::npos && at < v.find('/')) v.remove_prefix(at + 1);
    v = v.substr(0, v.find_first_of("/:?#"));
    while (!v.empty() && v.back() == '.') v.remove_suffix(1);
    return std::string(v);
}

bool check_options::rule_on(std::string_view rule) const {
    if (!off_rules) return true;
    auto family = rule.substr(0, rule.find_first_of("#."));
    for (auto const& r : *off_rules)
        if (r == rule || r == family) return false;
    return true;
}

std::optional<hit> check_segments(bot::message const& m, check_options const& o) {
    auto fire = [&](std::string rule, std::string what) -> std::optional<hit> {
        if (o.strict) rule = "newcomer." + rule;
        if (!o.rule_on(rule)) return std::nullopt;
        return hit{std::move(rule), std::move(what)};
    };
    for (auto const& s : m.segments()) {
        std::optional<hit> h;
        if (auto c = std::get_if<bot::seg::card>(&s)) {
            bool mini = c->kind == "miniapp" || c->raw.find("com.tencent.miniapp") != std::string::npos;
            if (mini) {
                h = fire("miniapp", "[小程序] " + c->title);
            } else {
                auto host = host_of(c->url);
                bool allowed = !c->url.empty() && o.allow && o.allow->domain_allowed(host);
                if (!allowed || o.strict) h = fire("card", "[卡片] " + c->title + (c->url.empty() ? "" : " " + c->url));
            }
        } else if (auto k = std::get_if<bot::seg::contact>(&s)) {
            h = k->kind == "group" ? fire("invite", "[群名片] " + k->target.str())
                                   : fire("contact", "[名片] " + k->target.str());
        } else if (std::holds_alternative<bot::seg::forward>(s)) {
            h = fire("forward", "[合并转发]");
        } else if (auto f = std::get_if<bot::seg::file>(&s)) {
            h = fire("file", "[文件] " + f->name);
        }
        if (h) return h;
    }
    return std::nullopt;
}

std::string text_of(bot::message const& m) {
    std::string out;
    for (auto const& s : m.segments()) {
        if (auto t = std::get_if<bot::seg::text>(&s)) {
            out += t->content;
        } else if (auto c = std::get_if<bot::seg::card>(&s)) {
            out += ' ' + c->title + ' ' + c->content + ' ' + c->url + ' ';
        } else if (auto f = std::get_if<bot::seg::file>(&s)) {
            out += ' ' + f->name + ' ';
        }
    }
    return out;
}

namespace {

bool contains(auto const& list, std::string_view s) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

/// The start of the code point that contains byte `i` (so a window never starts mid-character).
std::size_t char_start(std::string_view s, std::size_t i) {
    while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    return i;
}

/// A number as written in the spaced view.
struct number {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string digits;
};

bool mobile_shape(std::string digits) {
    if (digits.starts_with("0086")) digits.erase(0, 4);
    else if (digits.size() == 13 && digits.starts_with("86")) digits.erase(0, 2);
    return digits.size() == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9';
}

/// The numbers of a text. Digit groups joined by single separators (space, '-', '.', '/', ',') are
/// one number when together they make a mobile number ("1-5-8-2-...", "188/2937/4610"); otherwise
/// only groups of three or more digits joined by a space, '-' or '.' are ("138 1234 5678",
/// "618 204 937"), so versions ("3.9.12.51"), dates ("2024-03-15") and times stay apart.
void find_numbers(std::string_view s, std::vector<number>& out) {
    out.clear();
    auto letter = [](char c) { return c >= 'a' && c <= 'z'; };
    std::size_t i = 0;
    while (i < s.size()) {
        if (!is_digit(s[i]) || (i > 0 && letter(s[i - 1]))) {
            // Digits glued to letters are a code or a name ("sf1234567890", "xbox360").
            if (is_digit(s[i]))
                while (i < s.size() && (is_digit(s[i]) || letter(s[i]))) ++i;
            else
                ++i;
            continue;
        }
        struct group {
            std::size_t begin, end;
            char sep;  ///< the separator before it
        };
        std::vector<group> groups;
        std::size_t j = i;
        char sep = 0;
        while (true) {
            std::size_t g = j;
            while (j < s.size() && is_digit(s[j])) ++j;
            groups.push_back({g, j, sep});
            std::size_t m = j;
            if (m < s.size() && (s[m] == ' ' || s[m] == '-' || s[m] == '.' || s[m] == '/' || s[m] == ',')) {
                sep = s[m++];
                if (m < s.size() && s[m] == ' ' && sep != ' ') ++m;
                if (m < s.size() && is_digit(s[m])) {
                    j = m;
                    continue;
                }
            }
            break;
        }
        bool glued_after = j < s.size() && letter(s[j]);
        i = j;
        if (glued_after) {
            while (i < s.size() && (is_digit(s[i]) || letter(s[i]))) ++i;
            if (groups.size() == 1) continue;
            groups.pop_back();
        }
        number all;
        all.begin = groups.front().begin;
        all.end = groups.back().end;
        for (auto const& g : groups) all.digits.append(s.substr(g.begin, g.end - g.begin));
        if (groups.size() > 1 && mobile_shape(all.digits)) {
            out.push_back(std::move(all));
            continue;
        }
        // The strict reading. Five or more one-digit groups are a number spelled digit by digit
        // ("3.9.1.7.2.8.4.6.5"); a version has fewer parts.
        bool spelled = groups.size() >= 5 && std::all_of(groups.begin(), groups.end(), [](group const& g) {
            return g.end - g.begin == 1;
        });
        number n;
        for (std::size_t k = 0; k < groups.size(); ++k) {
            auto const& g = groups[k];
            auto len = g.end - g.begin;
            bool joins = k > 0 && n.end == groups[k - 1].end &&
                         (spelled || ((g.sep == ' ' || g.sep == '-' || g.sep == '.' || g.sep == '/') && len >= 3 &&
                                      (groups[k - 1].end - groups[k - 1].begin >= 3 || n.digits == "86" ||
                                       n.digits == "0086")));
            if (!joins) {
                if (n.digits.size() >= 5) out.push_back(n);
                n = number{g.begin, g.end, {}};
            }
            n.end = g.end;
            n.digits.append(s.substr(g.begin, len));
        }
        if (n.digits.size() >= 5) out.push_back(std::move(n));
    }
}

/// The spaced view without spaces and punctuation: "微 信 号：" → "微信号".
std::string squeeze(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s)
        if (c != ' ' && std::string_view(".:_-~*/()[]{}=#,@+").find(c) == std::string_view::npos) out += c;
    return out;
}

using add_fn = std::function<void(std::string, int, std::string)>;

bool has_marker(std::string_view id) {
    return std::any_of(id.begin(), id.end(), [](char c) { return is_digit(c) || c == '_' || c == '-'; });
}

}  // namespace

struct text_rules::impl {
    struct word {
        std::string text;  ///< normalised, as the log shows it
        int weight;
        std::string rule;
    };
    re2::RE2::Options opts = options();
    /// Keywords (weight 2) and pitch words (weight 1) over the compact view (CJK) ...
    re2::RE2::Set compact_words{opts, re2::RE2::UNANCHORED};
    std::vector<word> compact_entries;
    /// ... and Latin ones over the spaced view, with word boundaries.
    re2::RE2::Set spaced_words{opts, re2::RE2::UNANCHORED};
    std::vector<word> spaced_entries;
    /// Every Latin word, cue and cue family in one set: the prefilter for Latin text.
    re2::RE2::Set latin_any{opts, re2::RE2::UNANCHORED};

    re2::RE2 warning_cjk{warning_compact, opts};
    re2::RE2 warning_latin{warning_spaced, opts};
    re2::RE2 cues_cjk{cue_compact, opts};
    re2::RE2 cues_latin{cue_spaced, opts};
    /// All families in one automaton per side: group i is family i, so one pass finds the cue. The
    /// leading ".*" makes it the cue nearest the number or ID ("加我微信 abc123" is 微信's).
    static std::string all_of_side(bool cjk) {
        std::string out;
        for (auto const& f : cue_families) out += (out.empty() ? "" : "|") + std::string(cjk ? f.cjk : f.latin);
        return ".*(?:" + out + ")";
    }
    re2::RE2 families_cjk{all_of_side(true), opts};
    re2::RE2 families_latin{all_of_side(false), opts};

    /// The family and cue that `re` finds in `text`, if any.
    std::optional<std::pair<std::string, std::string>> family_in(re2::RE2 const& re, re2::StringPiece text) const {
        std::array<std::string, cue_families.size()> groups;
        std::array<re2::RE2::Arg, cue_families.size()> args;
        std::array<re2::RE2::Arg const*, cue_families.size()> argv{};
        for (std::size_t i = 0; i < groups.size(); ++i) {
            args[i] = &groups[i];
            argv[i] = &args[i];
        }
        if (!re2::RE2::PartialMatchN(text, re, argv.data(), static_cast<int>(argv.size()))) return std::nullopt;
        for (std::size_t i = 0; i < groups.size(); ++i)
            if (!groups[i].empty()) return std::pair{std::string(cue_families[i].rule), groups[i]};
        return std::nullopt;
    }
    re2::RE2 innocent_cjk{innocent_compact, opts};
    re2::RE2 innocent_latin{innocent_spaced, opts};

    /// An ID glued to its cue: "vx123456", "qq12345678", "wechat_abc123".
    re2::RE2 glued_id{"^(vx|wx|wechat|weixin|qq|q|v)(?:[_:-]([a-z0-9_-]{5,20})|([0-9][a-z0-9_-]{4,19}))$", opts};
    /// A Telegram handle after a cue, or an @handle.
    re2::RE2 telegram_id{"(纸飞机|小飞机|飞机|\\btg\\b|telegram|\\btele\\b|电报)(?:号|id|账号)?([^a-z0-9@]{0,6})(@?[a-z][a-z0-9_]{3,31})\\b",
                         opts};
    re2::RE2 handle{"(?:^|[^a-z0-9._-])@([a-z][a-z0-9_]{4,31})\\b", opts};
    re2::RE2 telegram{"(飞机|电报|\\btg\\b|telegram)", opts};

    /// A scheme, also defanged or broken up: "hxxps://", "h**ps://", "ht tps://", "https//", "hxxps[:]//".
    re2::RE2 scheme{"\\b(h(?:[ .*]?[tx*]){0,2}[ .*]?p(?:[ .*]?s)?|ftp) ?(?:[:\\[\\]()]+ ?)?/ ?/ ?([a-z0-9-]+(?:\\.[a-z0-9-]+)+)", opts};
    re2::RE2 domain{"(?:^|[^a-z0-9@._/-])((?:[a-z0-9-]+\\.)+([a-z]{2,15}))(/[a-z0-9_~%?=&#./-]*)?", opts};
    re2::RE2 email{"([a-z0-9._-]+)@((?:[a-z0-9-]+\\.)+[a-z]{2,15})", opts};

    psl_ctx_t const* psl = nullptr;

    std::bitset<65536> bigrams;
    std::bitset<65536> unigrams;

    void index(std::string const& text) {
        normalized n;
        normalize(text, n);
        auto const& cps = n.scratch_compact;
        if (cps.size() == 1) unigrams.set(cps[0] & 0xFFFFu);
        if (cps.size() >= 2) bigrams.set(bigram(cps[0], cps[1]));
    }

    void add_word(std::string const& raw, int weight, std::string const& rule) {
        normalized n;
        normalize(raw, n);
        if (n.compact.empty()) return;
        bool latin = std::all_of(n.compact.begin(), n.compact.end(),
                                 [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
        if (latin) {
            // Words as written, spaces optional between them: "dm me" matches "dm me" and "dmme".
            std::string pattern = "\\b";
            bool space = false;
            for (char c : n.spaced) {
                if (c == ' ' || !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                    space = true;
                    continue;
                }
                if (space) pattern += " ?";
                space = false;
                pattern += c;
            }
            pattern += "\\b";
            if (spaced_words.Add(pattern, nullptr) < 0) return;
            spaced_entries.push_back({n.compact, weight, rule});
            latin_any.Add(pattern, nullptr);
            return;
        } else {
            if (compact_words.Add(re2::RE2::QuoteMeta(n.compact), nullptr) < 0) return;
            compact_entries.push_back({n.compact, weight, rule});
        }
        index(raw);
    }

    /// Whether a host has a suffix the public-suffix list knows (not just its "*" default rule).
    bool known_suffix(std::string const& host, std::string& suffix) const {
        if (!psl) return false;
        auto dot = host.rfind('.');
        suffix = dot == std::string::npos ? host : host.substr(dot + 1);
        // Two-label suffixes ("com.cn") are read by their last label.
        return psl_is_public_suffix2(psl, suffix.c_str(), PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE) != 0;
    }

    std::string registrable(std::string const& host) const {
        if (!psl) return host;
        if (char const* r = psl_registrable_domain(psl, host.c_str())) return r;
        return host;
    }

    /// Numbers that are contacts: a mainland mobile on its own, any other 5–12 digit number only next
    /// to a cue ("QQ", "群", "微信", "电话", "加我") and not followed by a unit ("12000 人") or preceded
    /// by a label ("单号", "会议", "学号").
    void contact_numbers(std::string_view sp, add_fn const& add) const;
    /// IDs after a cue: "微信联系：zlb_8899", "my wx is kelly_bright", "vx：lovelytest". An ID of
    /// letters only needs a separator (':', 号, 是, id) between it and the cue.
    void contact_ids(std::string_view sp, add_fn const& add) const;
    /// The cue family and the cue just before [begin, end) (or just after it, when `end` is given).
    /// `window` bytes before it are read: a number's cue may stand a little further away ("二群满了，
    /// 大家移步这个 704918362") than an ID's.
    std::optional<std::pair<std::string, std::string>> cue_near(std::string_view sp, std::size_t begin,
                                                                std::size_t end, std::size_t window) const;
    /// A label that makes the number after it innocent ("单号", "会议号", "order").
    bool innocent_near(std::string_view sp, std::size_t begin) const;

    bool popular(std::string const& host) const {
        for (auto p : popular_sites)
            if (ends_with_label(host, p)) return true;
        return false;
    }
};

text_rules::text_rules(std::vector<std::string> const& keywords, std::vector<std::string> const& soft_keywords)
    : impl_(std::make_unique<impl>()) {
    auto& d = *impl_;
    for (auto const& k : keywords) d.add_word(k, 2, "keyword");
    for (auto const& k : soft_keywords) d.add_word(k, 1, "pitch");
    d.compact_words.Compile();
    d.spaced_words.Compile();
    d.latin_any.Add(cue_spaced, nullptr);
    for (auto const& f : cue_families) d.latin_any.Add(f.latin, nullptr);
    d.latin_any.Add("\\b(?:tg|telegram|tele)\\b", nullptr);
    d.latin_any.Compile();
    for (auto const* cue : {"微", "群", "扣", "卫星", "绿泡", "绿色", "君羊", "企鹅", "电话", "手机", "热线", "来电", "号码", "备注",
                            "微信", "加我", "私聊", "私信", "联系", "咨询", "详询", "详谈", "找我", "速来", "速加", "进群",
                            "入群", "加群", "名额", "了解", "有意", "私我", "私你", "滴我", "戳我", "扫码", "飞机", "电报",
                            "要的", "想做", "感兴", "拉你", "秋秋", "球球"})
        d.index(cue);
    // The public-suffix list Debian keeps current (publicsuffix), else the one built into libpsl.
    d.psl = psl_latest(nullptr);
    if (!d.psl) d.psl = psl_builtin();
}

text_rules::~text_rules() {
    // psl_latest() allocates; psl_builtin() is static and must not be freed.
    if (impl_->psl && impl_->psl != psl_builtin()) psl_free(const_cast<psl_ctx_t*>(impl_->psl));
}

bool text_rules::worth_matching(normalized const& n) const {
    if (n.dotted || n.longest_digits >= 5) return true;
    if (n.spaced.find_first_of(":@") != std::string::npos) return true;
    // A token mixing letters with digits or '_' may be an ID ("abc_0011", "kk123").
    bool letter = false;
    bool mark = false;
    for (char c : n.spaced) {
        if (c == ' ') {
            if (letter && mark) return true;
            letter = mark = false;
        } else if (c >= 'a' && c <= 'z') {
            letter = true;
        } else if (is_digit(c) || c == '_') {
            mark = true;
        }
    }
    if (letter && mark) return true;
    auto const& cps = n.scratch_compact;
    auto const& d = *impl_;
    bool latin = false;
    for (std::size_t i = 0; i < cps.size(); ++i) {
        if (cps[i] < 0x80) {
            latin = latin || cps[i] >= 'a';
            continue;
        }
        if (d.unigrams.test(cps[i] & 0xFFFFu)) return true;
        if (i + 1 < cps.size() && d.bigrams.test(bigram(cps[i], cps[i + 1]))) return true;
    }
    // Latin words are looked up as words, in one pass of one automaton.
    return latin && d.latin_any.Match(n.spaced, nullptr);
}

std::optional<std::pair<std::string, std::string>> text_rules::impl::cue_near(std::string_view sp, std::size_t begin,
                                                                                std::size_t end,
                                                                                std::size_t window) const {
    auto from = char_start(sp, begin > window ? begin - window : 0);
    std::string_view before = sp.substr(from, begin - from);
    if (auto f = family_in(families_cjk, squeeze(before))) return f;
    if (auto f = family_in(families_latin, re2::StringPiece(before.data(), before.size()))) return f;
    if (end == std::string_view::npos) return std::nullopt;
    auto to = char_start(sp, std::min(sp.size(), end + 16));
    if (to < sp.size() && (static_cast<unsigned char>(sp[to]) & 0xC0) == 0x80) to = sp.size();
    std::string_view after = sp.substr(end, to > end ? to - end : 0);
    if (auto f = family_in(families_cjk, squeeze(after))) return f;
    return family_in(families_latin, re2::StringPiece(after.data(), after.size()));
}

bool text_rules::impl::innocent_near(std::string_view sp, std::size_t begin) const {
    auto from = char_start(sp, begin > 24 ? begin - 24 : 0);
    std::string_view before = sp.substr(from, begin - from);
    return re2::RE2::PartialMatch(squeeze(before), innocent_cjk) ||
           re2::RE2::PartialMatch(re2::StringPiece(before.data(), before.size()), innocent_latin);
}

void text_rules::impl::contact_numbers(std::string_view sp, add_fn const& add) const {
    std::vector<number> numbers;
    find_numbers(sp, numbers);
    for (auto const& n : numbers) {
        if (innocent_near(sp, n.begin)) continue;
        std::string shown(sp.substr(n.begin, n.end - n.begin));
        if (mobile_shape(n.digits)) {
            add("mobile", 3, shown);
            continue;
        }
        if (n.digits.size() > 12) continue;
        std::string_view rest = sp.substr(n.end);
        while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
        bool quantity = std::any_of(units.begin(), units.end(), [&](std::string_view u) { return rest.starts_with(u); });
        if (quantity) continue;
        if (auto cue = cue_near(sp, n.begin, n.end, 42)) add(cue->first, 3, cue->second + " " + shown);
    }
}

void text_rules::impl::contact_ids(std::string_view sp, add_fn const& add) const {
    // Tokens of letters, digits, '_' and '-', not part of a link or an address.
    auto word_char = [](char c) { return (c >= 'a' && c <= 'z') || is_digit(c) || c == '_' || c == '-'; };
    auto joined = [&](char c) { return word_char(c) || c == '@' || c == '.' || c == '/'; };
    for (std::size_t i = 0; i < sp.size();) {
        if (!word_char(sp[i]) || (i > 0 && joined(sp[i - 1]))) {
            ++i;
            continue;
        }
        std::size_t begin = i;
        while (i < sp.size() && word_char(sp[i])) ++i;
        if (i < sp.size() && joined(sp[i])) continue;
        std::string id(sp.substr(begin, i - begin));
        if (id.size() < 4 || id.size() > 25 || id.front() == '_' || id.front() == '-') continue;
        bool any_letter = std::any_of(id.begin(), id.end(), [](char c) { return c >= 'a' && c <= 'z'; });
        if (!any_letter) continue;
        if (!has_marker(id)) {
            // Letters only: worth a look only after a separator (':', '=', 号, 是, id, hao).
            auto k = begin;
            while (k > 0 && sp[k - 1] == ' ') --k;
            auto back = sp.substr(0, k);
            bool sep = k > 0 && (sp[k - 1] == ':' || sp[k - 1] == '=');
            if (!sep && !back.ends_with("号") && !back.ends_with("是") && !back.ends_with(" id") && !back.ends_with("hao"))
                continue;
        }
        // "mm_8 899": the rest of an ID typed apart.
        if (auto end = begin + id.size(); end + 1 < sp.size() && sp[end] == ' ' && has_marker(id)) {
            auto k = end + 1;
            while (k < sp.size() && is_digit(sp[k])) ++k;
            if (k > end + 1 && k - end - 1 <= 6 && (k == sp.size() || sp[k] == ' ')) id += sp.substr(end + 1, k - end - 1);
        }
        bool letters = std::any_of(id.begin(), id.end(), [](char c) { return c >= 'a' && c <= 'z'; });
        bool marked = has_marker(id);
        if (!letters) continue;
        std::string cue, rest, digits_first;
        if (re2::RE2::FullMatch(id, glued_id, &cue, &rest, &digits_first) &&
            std::any_of(id.begin() + static_cast<std::ptrdiff_t>(cue.size()), id.end(), [](char c) { return is_digit(c); })) {
            add(cue.starts_with("q") ? "qq" : "wechat", 3, id);
            continue;
        }
        // What stands between the cue and the ID: "：", "号", "是", "id".
        auto k = begin;
        while (k > 0 && sp[k - 1] == ' ') --k;
        bool explicit_sep = k > 0 && (sp[k - 1] == ':' || sp[k - 1] == '=');
        if (!explicit_sep) {
            auto back = sp.substr(0, k);
            explicit_sep = back.ends_with("号") || back.ends_with("是") || back.ends_with(" id") || back.ends_with("hao");
        }
        if (id.size() < (explicit_sep ? 4u : marked ? 5u : 6u)) continue;
        if (!(marked || explicit_sep)) continue;
        if (id.front() >= '0' && id.front() <= '9' && !marked) continue;
        auto cue_found = cue_near(sp, begin, std::string_view::npos, explicit_sep ? 48 : 24);
        if (!cue_found) continue;
        auto rule = cue_found->first == "telegram" ? "telegram" : "wechat";
        add(rule, 3, cue_found->second + " " + id);
    }
}

assessment text_rules::assess(normalized const& n, check_options const& o) const {
    assessment a;
    if (!worth_matching(n)) return a;
    auto const& d = *impl_;
    std::string_view sp = n.spaced;
    add_fn add = [&](std::string rule, int weight, std::string matched) {
        if (!o.rule_on(rule)) return;
        for (auto const& s : a.signals)
            if (s.rule == rule && s.matched == matched) return;
        a.signals.push_back({std::move(rule), weight, std::move(matched)});
    };

    if (n.longest_digits >= 5) d.contact_numbers(sp, add);
    d.contact_ids(sp, add);
    bool names_telegram = sp.find("飞机") != std::string_view::npos || sp.find("电报") != std::string_view::npos ||
                          sp.find("tg") != std::string_view::npos || sp.find("tele") != std::string_view::npos;
    if (names_telegram) {
        re2::StringPiece in(sp.data(), sp.size());
        std::string cue, between, h;
        while (re2::RE2::FindAndConsume(&in, d.telegram_id, &cue, &between, &h)) {
            bool at = h.front() == '@';
            if (!(at || has_marker(h) || between.find(':') != std::string::npos)) continue;
            add("telegram", 3, cue + between + h);
        }
        if (sp.find('@') != std::string_view::npos && re2::RE2::PartialMatch(sp, d.telegram)) {
            in = re2::StringPiece(sp.data(), sp.size());
            while (re2::RE2::FindAndConsume(&in, d.handle, &h)) add("telegram", 3, "@" + h);
        }
    }

    if (n.dotted || sp.find('@') != std::string_view::npos) {
        // How much a link is worth for anyone: 3 a link, 1–2 weak, 0 not a link at all.
        auto link_weight = [&](std::string const& host, bool scheme, bool path) -> int {
            std::string tld;
            bool known = d.known_suffix(host, tld);
            bool file = contains(file_endings, tld);
            if (scheme) return d.popular(host) ? 2 : 3;
            // A dot spelled out ("fast-money (dot) cc", "new-site DOT zz") is written to get past filters.
            if (n.spelled_dots && (known || tld.size() <= 3) && !d.popular(host)) return 3;
            if (host.starts_with("www.") && !d.popular(host)) return 3;
            if (file) return 0;
            if (path) return d.popular(host) ? 2 : 3;
            if (contains(tech_names, host)) return 0;
            // "bonus.zz": a domain under a suffix nobody knows is weak evidence alone.
            if (!known) return tld.size() <= 6 ? 1 : 0;
            if (d.popular(host)) return 1;
            auto labels = std::count(host.begin(), host.end(), '.') + 1;
            auto reg = d.registrable(host);
            auto reg_suffix = reg.find('.') == std::string::npos ? reg : reg.substr(reg.find('.') + 1);
            bool commercial = contains(commercial_tlds, tld) || contains(commercial_tlds, reg_suffix);
            return labels >= 3 || commercial ? 3 : 1;
        };
        auto link = [&](std::string const& host, std::string const& shown, bool scheme, bool path) {
            bool allowed = o.allow && o.allow->domain_allowed(host);
            int weight = allowed ? 0 : link_weight(host, scheme, path);
            // A newcomer may post no link at all, allowed or weak: that is the newcomer rule's doing.
            if (o.strict && weight < 3 && (allowed || weight > 0)) add("newcomer.link", 3, shown);
            else if (weight > 0) add("link", weight, shown);
        };
        re2::StringPiece in(sp.data(), sp.size());
        std::string scheme, host, tld, path;
        while (re2::RE2::FindAndConsume(&in, d.scheme, &scheme, &host)) link(host, scheme + "://" + host, true, false);
        in = re2::StringPiece(sp.data(), sp.size());
        while (re2::RE2::FindAndConsume(&in, d.domain, &host, &tld, &path)) {
            bool has_path = path.size() > 1;
            link(host, host + path, false, has_path);
        }
        if (sp.find('@') != std::string_view::npos) {
            in = re2::StringPiece(sp.data(), sp.size());
            std::string local;
            while (re2::RE2::FindAndConsume(&in, d.email, &local, &host)) {
                bool qq_number = (host == "qq.com" || host == "foxmail.com") && local.size() >= 5 && local.size() <= 12 &&
                                 std::all_of(local.begin(), local.end(), [](char c) { return is_digit(c); });
                if (qq_number) add("qq", 3, local + "@" + host);
                else if (!(o.allow && o.allow->domain_allowed(host))) add("link", 1, local + "@" + host);
            }
        }
    }

    // Keywords, pitch words and cues: weak evidence, counted once each.
    {
        std::vector<int> found;
        if (n.wide && d.compact_words.Match(n.compact, &found)) {
            std::sort(found.begin(), found.end());
            for (int i : found) {
                auto const& e = d.compact_entries[static_cast<std::size_t>(i)];
                // A pitch word inside a keyword that matched ("兼职" in "宝妈兼职") is the same evidence.
                bool inside = std::any_of(found.begin(), found.end(), [&](int j) {
                    auto const& f = d.compact_entries[static_cast<std::size_t>(j)];
                    return j != i && f.weight >= e.weight && f.text.size() > e.text.size() &&
                           f.text.find(e.text) != std::string::npos;
                });
                if (!inside) add(e.rule, e.weight, e.text);
            }
        }
        found.clear();
        if (n.latin && d.spaced_words.Match(re2::StringPiece(sp.data(), sp.size()), &found)) {
            std::sort(found.begin(), found.end());
            for (int i : found) {
                auto const& e = d.spaced_entries[static_cast<std::size_t>(i)];
                add(e.rule, e.weight, e.text);
            }
        }
    }
    {
        auto count_cue = [&](std::string const& cue) {
            // The cue was read in a normalised view already; only the spaces of "dm me" go.
            std::string folded;
            for (char c : cue)
                if (c != ' ') folded += c;
            bool counted = std::any_of(a.signals.begin(), a.signals.end(), [&](signal const& x) {
                return x.matched == folded || x.matched.find(folded) != std::string::npos;
            });
            if (!counted) add("cue", 1, cue);
        };
        re2::StringPiece in(n.compact);
        std::string cue;
        if (n.wide)
            while (re2::RE2::FindAndConsume(&in, d.cues_cjk, &cue)) count_cue(cue);
        in = re2::StringPiece(sp.data(), sp.size());
        if (n.latin)
            while (re2::RE2::FindAndConsume(&in, d.cues_latin, &cue)) count_cue(cue);
    }
    // A keyword broken up by symbols or spaces ("代﹡开﹡发﹡票", "刷 单") or by invisible characters
    // is written to get past filters: that is evidence too.
    for (auto const& x : a.signals) {
        if ((x.rule != "keyword" && x.rule != "pitch") || x.weight < 1) continue;
        bool latin = std::all_of(x.matched.begin(), x.matched.end(), [](char c) { return c > 0 && c < 0x7F; });
        if (!latin && (n.obfuscated || sp.find(x.matched) == std::string_view::npos)) {
            a.signals.push_back({"evasion", 1, x.matched});
            break;
        }
    }
    int pitch = 0;
    for (auto const& s : a.signals) {
        if (s.weight >= 3) a.strong += s.weight;
        else if (s.rule == "pitch") pitch += s.weight;
        else a.soft += s.weight;
    }
    // Pitch words alone never make an ad, however many ("I invest daily, the returns are ok"):
    // they need a cue, a spam phrase, a link or a contact beside them.
    a.soft += std::min(pitch, 2);
    // Only weak evidence can be warned away, so the warning is read only when there is some.
    if (a.soft > 0)
        a.warning = re2::RE2::PartialMatch(n.compact, d.warning_cjk) ||
                    re2::RE2::PartialMatch(re2::StringPiece(sp.data(), sp.size()), d.warning_latin);
    if (a.warning) a.soft = std::max(0, a.soft - 3);
    return a;
}

namespace {

std::optional<hit> verdict(assessment const& a, check_options const& o) {
    auto threshold = o.strict ? std::min<std::int64_t>(2, o.threshold) : o.threshold;
    if (a.signals.empty() || a.score() < threshold) return std::nullopt;
    auto top = std::max_element(a.signals.begin(), a.signals.end(),
                                [](signal const& x, signal const& y) { return x.weight < y.weight; });
    std::string rule = top->rule == "cue" ? "pitch" : top->rule;
    // "newcomer." only where the newcomer's strictness made the difference: a contact is a contact
    // for anyone, and its reason says so.
    if (o.strict && !rule.starts_with("newcomer.") && a.score() < o.threshold) rule = "newcomer." + rule;
    if (!o.rule_on(rule)) return std::nullopt;
    hit h{rule, top->matched, {}};
    for (auto const& s : a.signals) {
        if (!h.why.empty()) h.why += "; ";
        h.why += s.rule + " +" + std::to_string(s.weight) + " " + s.matched;
    }
    if (a.warning) h.why += "; warning about scams -3";
    return h;
}

}  // namespace

std::optional<hit> text_rules::check(normalized const& n, check_options const& o) const {
    return verdict(assess(n, o), o);
}

std::optional<hit> text_rules::check_across(std::string_view before, std::string_view after,
                                            check_options const& o) const {
    // Both messages passed alone; read together, only a contact counts (a number or an ID whose
    // parts or cue are split between them), never the weak signals of two unrelated messages.
    normalized joined;
    std::string text;
    text.reserve(before.size() + after.size() + 1);
    text.append(before).append("\n").append(after);
    normalize(text, joined);
    auto a = assess(joined, o);
    assessment strong;
    for (auto const& x : a.signals)
        if (x.weight >= 3) {
            strong.signals.push_back(x);
            strong.strong += x.weight;
        }
    auto h = verdict(strong, o);
    if (h) h->why += " (split over two messages)";
    return h;
}

struct admin_rules::impl {
    re2::RE2::Options opts = options(false);
    re2::RE2::Set set{opts, re2::RE2::UNANCHORED};
    std::vector<std::int64_t> ids;
    std::vector<std::unique_ptr<re2::RE2>> res;
};

admin_rules::admin_rules(std::vector<admin_rule> const& rules) : impl_(std::make_unique<impl>()) {
    auto& d = *impl_;
    for (auto const& r : rules) {
        auto re = std::make_unique<re2::RE2>("(" + r.pattern + ")", d.opts);
        if (!re->ok() || d.set.Add(r.pattern, nullptr) < 0) continue;
        d.ids.push_back(r.id);
        d.res.push_back(std::move(re));
    }
    d.set.Compile();
}

admin_rules::~admin_rules() = default;

std::optional<std::string> admin_rules::compile_error(std::string const& pattern) {
    re2::RE2 re(pattern, options(false));
    if (re.ok()) return std::nullopt;
    return re.error();
}

bool admin_rules::empty() const {
    return impl_->ids.empty();
}

std::optional<hit> admin_rules::check(std::string_view original, std::string_view compact) const {
    auto const& d = *impl_;
    if (d.ids.empty()) return std::nullopt;
    for (auto text : {original, compact}) {
        std::vector<int> found;
        if (!d.set.Match(re2::StringPiece(text.data(), text.size()), &found) || found.empty()) continue;
        auto i = static_cast<std::size_t>(*std::min_element(found.begin(), found.end()));
        std::string what;
        re2::RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *d.res[i], &what);
        return hit{"admin#" + std::to_string(d.ids[i]), what};
    }
    return std::nullopt;
}

}  // namespace plugins::antiad
