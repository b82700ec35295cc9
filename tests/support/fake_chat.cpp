#include "tests/support/fake_chat.hpp"
#include "storage/database.hpp"

#include <atomic>

#include <boost/asio/detached.hpp>
#include <utility>
#include <random>

namespace testing {

using namespace bot;

namespace {

time_point parse_local(std::string const& local, time_zone const& tz) {
    auto sp = local.find(' ');
    auto date = parse_date(local.substr(0, sp));
    auto minutes = sp == std::string::npos ? std::optional<int>(0) : parse_time_of_day(local.substr(sp + 1));
    if (!date || !minutes) throw std::invalid_argument("bad local time: " + local);
    return tz.from_local(*date, *minutes / 60, *minutes % 60);
}

std::filesystem::path fresh_dir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    auto dir = std::filesystem::temp_directory_path() /
               ("qunbot-test-" + std::to_string(rd()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(dir);
    return dir;
}

}  // namespace

fake_chat::fake_chat(std::string toml, std::vector<plugin_entry> plugins, std::string start)
    : toml_(std::move(toml)), plugins_(std::move(plugins)), dir_(fresh_dir()), db_path_(dir_ / "test.db") {
    file_ = std::make_unique<config_file>(config_file::parse(toml_));
    auto cfg = core_config::read(*file_);
    clock_ = std::make_unique<manual_clock>(parse_local(start, time_zone::must_load(cfg.bot.timezone)));
    boot();
}

fake_chat::~fake_chat() {
    core_.reset();
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

void fake_chat::boot() {
    file_ = std::make_unique<config_file>(config_file::parse(toml_));
    auto cfg = core_config::read(*file_);
    file_->claim("adapters");
    file_->claim("console");  // the admin console reads it (web::service), when a test makes one
    db_ = std::make_unique<storage::database>(db_path_.string());
    auto old = std::move(platform_);
    platform_ = std::make_unique<fake_platform>();
    if (old) platform_->roles = old->roles;
    core_ = std::make_unique<core>(io_, *file_, cfg, *clock_, *db_);
    core_->load_plugins(plugins_);
    file_->check_unclaimed();
    core_->start();
    core_->attach(*platform_);
    seen_ = 0;
}

void fake_chat::restart() {
    core_->stop();
    // Conversations that stop() woke finish while the core they use still exists.
    io_.restart();
    io_.poll();
    core_.reset();
    db_.reset();
    io_.restart();
    io_.poll();
    boot();
    deliver(ev::lifecycle{ev::lifecycle::phase::connected});
}

void fake_chat::shut_down() {
    run(io_, core_->run_shutdown_hooks());
    io_.poll();
}

group_ref fake_chat::group_ref(std::string const& g) const {
    return bot::group_ref{"test", id("bot"), id(g.empty() ? group_ : g)};
}

sender fake_chat::sender_of(id const& user, std::string const& group) const {
    sender s{user, user.str(), platform_->card_of(user.str()), role::member};
    if (auto git = platform_->roles.find(group); git != platform_->roles.end())
        if (auto it = git->second.find(user.str()); it != git->second.end()) s.role = it->second;
    return s;
}

message fake_chat::parse(std::string const& text) const {
    message m;
    std::size_t start = 0;
    std::size_t i = 0;
    while ((i = text.find('@', i)) != std::string::npos) {
        auto end = text.find_first_of(" \t\n", i);
        if (end == std::string::npos) end = text.size();
        auto name = text.substr(i + 1, end - i - 1);
        if (users_.count(name) || name == "bot") {
            m.text(text.substr(start, i - start));
            m.at(id(name), name);
            start = end;
        }
        i = end;
    }
    m.text(text.substr(start));
    return m;
}

void fake_chat::deliver(event_payload payload) { deliver(std::move(payload), clock_->now()); }

void fake_chat::deliver(event_payload payload, time_point sent) {
    run(io_, core_->dispatch(event{"test", id("bot"), sent, std::move(payload)}));
    io_.poll();
}

void fake_chat::deliver_together(std::vector<event_payload> payloads) {
    for (auto& p : payloads)
        boost::asio::co_spawn(io_, core_->dispatch(event{"test", id("bot"), clock_->now(), std::move(p)}),
                              boost::asio::detached);
    if (io_.stopped()) io_.restart();
    io_.poll();
}

member& member::sent_at(std::string const& local) {
    sent_ = parse_local(local, time_zone::must_load(chat_.core_->config().bot.timezone));
    return *this;
}

std::vector<std::string> fake_chat::sent() const {
    std::vector<std::string> out;
    for (std::size_t i = seen_; i < platform_->actions.size(); ++i)
        if (platform_->actions[i].kind == "send") out.push_back(platform_->actions[i].text());
    return out;
}

std::vector<std::string> fake_chat::sent_ever() const {
    std::vector<std::string> out;
    for (auto const& a : platform_->actions)
        if (a.kind == "send") out.push_back(a.text());
    return out;
}

bool fake_chat::replied(std::string const& needle) const {
    for (auto const& s : sent())
        if (s.find(needle) != std::string::npos) return true;
    return false;
}

std::string fake_chat::last() const {
    auto s = sent();
    return s.empty() ? std::string() : s.back();
}

void fake_chat::clear() { seen_ = platform_->actions.size(); }

void fake_chat::advance(std::chrono::seconds d) { run(io_, core_->advance_time(clock_->now() + d)); }

void fake_chat::advance_to(std::string const& local) {
    run(io_, core_->advance_time(parse_local(local, time_zone::must_load(core_->config().bot.timezone))));
}

id member::says(std::string const& text) {
    chat_.users_.insert(user_.str());
    return says(chat_.parse(text));
}

id member::says(message msg) {
    chat_.users_.insert(user_.str());
    auto g = group_.empty() ? chat_.group_ : group_;
    auto mid = id(++chat_.next_message_);
    auto sent = std::exchange(sent_, std::nullopt).value_or(chat_.now());
    chat_.deliver(ev::group_message{mid, id(g), chat_.sender_of(user_, g), std::move(msg), false}, sent);
    return mid;
}

event_payload member::message_event(std::string const& text) {
    chat_.users_.insert(user_.str());
    auto g = group_.empty() ? chat_.group_ : group_;
    return ev::group_message{id(++chat_.next_message_), id(g), chat_.sender_of(user_, g), chat_.parse(text), false};
}

id member::whispers(std::string const& text) {
    chat_.users_.insert(user_.str());
    auto mid = id(++chat_.next_message_);
    chat_.deliver(ev::private_message{mid, sender{user_, user_.str(), {}, role::member}, chat_.parse(text), {}});
    return mid;
}

member& member::is(role r) {
    chat_.users_.insert(user_.str());
    chat_.platform_->roles[group_.empty() ? chat_.group_ : group_][user_.str()] = r;
    return *this;
}

member& member::card(std::string card) {
    chat_.users_.insert(user_.str());
    chat_.platform_->cards[user_.str()] = std::move(card);
    return *this;
}

member& member::in(std::string group) {
    group_ = std::move(group);
    return *this;
}

void member::joins() {
    chat_.users_.insert(user_.str());
    auto g = group_.empty() ? chat_.group_ : group_;
    chat_.platform_->roles[g][user_.str()] = role::member;
    chat_.deliver(ev::member_joined{id(g), user_, {}, "approve", user_.str()});
}

void member::leaves() {
    auto g = group_.empty() ? chat_.group_ : group_;
    chat_.platform_->roles[g].erase(user_.str());
    chat_.deliver(ev::member_left{id(g), user_, user_, false, false});
}

void member::sends_red_packet(std::optional<fen> amount) {
    chat_.deliver(ev::red_packet{id(group_.empty() ? chat_.group_ : group_), user_, amount, {}});
}

}  // namespace testing
