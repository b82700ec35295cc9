#pragma once
// Plays a plugin's demo script line by line through the console sandbox, as `qunbot --script` does,
// on a manual clock that starts on Monday 2026-03-02 09:00 (Asia/Shanghai) with alice as superuser,
// and returns what the sandbox printed. A plugin folder with a demo.txt gets QUNBOT_DEMO, its path.

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "adapters/console/console.hpp"
#include "bot/plugin_context.hpp"
#include "storage/database.hpp"
#include "tests/support/async.hpp"

namespace testing {

class sandbox {
public:
    explicit sandbox(std::vector<bot::plugin_entry> const& plugins,
                     std::string const& toml = "[bot]\nsuperusers = [\"alice\"]\n")
        : file_(bot::config_file::parse(toml)), cfg_(bot::core_config::read(file_)) {
        std::random_device rd;
        dir_ = std::filesystem::temp_directory_path() / ("qunbot-demo-" + std::to_string(rd()));
        std::filesystem::create_directories(dir_);
        db_ = std::make_unique<storage::database>((dir_ / "bot.db").string());
        core_ = std::make_unique<bot::core>(io_, file_, cfg_, clock_, *db_);
        core_->load_plugins(plugins);
        core_->start();
        console_ = std::make_unique<adapters::console::adapter>(*core_, clock_, adapters::console::settings{}, stdin,
                                                                out_, [] {});
        core_->attach(console_->platform());
    }
    ~sandbox() {
        core_->detach(console_->platform());
        console_.reset();
        core_.reset();
        db_.reset();
        std::fclose(out_);
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    sandbox(sandbox const&) = delete;
    sandbox& operator=(sandbox const&) = delete;

    /// Plays every line of the script; false when the file cannot be read.
    bool play(std::string const& path) {
        std::ifstream script(path);
        if (!script.good()) return false;
        for (std::string line; std::getline(script, line);) type(line);
        return true;
    }
    /// One line, as typed at the sandbox prompt.
    void type(std::string const& line) { testing::run(io_, console_->handle_line(line)); }
    bot::core& core() { return *core_; }
    std::string transcript() {
        std::fflush(out_);
        std::rewind(out_);
        std::string text;
        char buf[4096];
        while (auto n = std::fread(buf, 1, sizeof buf, out_)) text.append(buf, n);
        return text;
    }

private:
    std::filesystem::path dir_;
    boost::asio::io_context io_;
    bot::config_file file_;
    bot::core_config cfg_;
    bot::manual_clock clock_{bot::time_zone::must_load("Asia/Shanghai").from_local({2026, 3, 2}, 9, 0)};
    std::unique_ptr<storage::database> db_;
    std::unique_ptr<bot::core> core_;
    std::FILE* out_ = std::tmpfile();
    std::unique_ptr<adapters::console::adapter> console_;
};

}  // namespace testing
