// Unjucks' date filters and functions (day.js semantics) with a fixed now() and TZ=UTC, and the
// other Unjucks filter names.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>

#include "template/context.h"
#include "template/environment.h"
#include "template/error.h"
#include "template/loader.h"

namespace unjucks::tpl {
namespace {

class DateFilters : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tz = std::getenv("TZ");
    saved_ = tz ? tz : "";
    had_ = tz != nullptr;
    ::setenv("TZ", "UTC", 1);
    ::tzset();
  }
  void TearDown() override {
    if (had_)
      ::setenv("TZ", saved_.c_str(), 1);
    else
      ::unsetenv("TZ");
    ::tzset();
  }
  static std::string render(std::string_view src, double now = 1705314600000) {  // 10:30Z
    Options opts;
    opts.autoescape = false;
    opts.now_ms = now;
    Environment env(std::move(opts), std::make_unique<MapLoader>());
    Context ctx;
    return env.render_string(src, ctx);
  }

 private:
  std::string saved_;
  bool had_ = false;
};

TEST_F(DateFilters, NowIsTheFixedTime) {
  EXPECT_EQ(render("{{ now() }}"), "1705314600000");
  EXPECT_EQ(render("{{ now() | isoDate }}"), "2024-01-15T10:30:00.000Z");
  EXPECT_EQ(render("{{ timestamp() }}"), "20240115103000");
  EXPECT_EQ(render("{{ today() | formatDate('YYYY-MM-DD HH:mm:ss') }}"), "2024-01-15 00:00:00");
  EXPECT_EQ(render("{{ formatDate('2023-12-25', 'YYYY/MM/DD') }}"), "2023/12/25");
}

TEST_F(DateFilters, FormatTokens) {
  const char* d = "'2024-01-15T10:30:05.042Z'";
  auto f = [&](const std::string& fmt) {
    return render(std::string("{{ ") + d + " | formatDate('" + fmt + "') }}");
  };
  EXPECT_EQ(f("YYYY-MM-DD HH:mm"), "2024-01-15 10:30");
  EXPECT_EQ(f("MMM Do, YYYY"), "Jan 15th, 2024");
  EXPECT_EQ(f("dddd, MMMM Do YYYY"), "Monday, January 15th 2024");
  EXPECT_EQ(
      f("YY M D d dd ddd H h hh k a A m s ss SSS Z ZZ Q X x"),
      "24 1 15 1 Mo Mon 10 10 10 10 am AM 30 5 05 042 +00:00 +0000 1 1705314605 1705314605042");
  EXPECT_EQ(f("[YYYY] YYYY [at] h:mm A"), "YYYY 2024 at 10:30 AM");
  EXPECT_EQ(render("{{ '2024-01-15' | date }}"), "2024-01-15");
  EXPECT_EQ(render("{{ 'not a date' | formatDate }}"), "");
  EXPECT_EQ(render("{{ none | dateFormat }}"), "");
}

TEST_F(DateFilters, Arithmetic) {
  EXPECT_EQ(render("{{ '2024-01-15T10:30:00Z' | dateAdd(7, 'day') | formatDate }}"), "2024-01-22");
  EXPECT_EQ(render("{{ '2024-01-31' | dateAdd(1, 'month') | formatDate }}"), "2024-02-29");
  EXPECT_EQ(render("{{ '2024-01-15T10:30:00Z' | dateSub(3, 'month') | formatDate }}"),
            "2023-10-15");
  EXPECT_EQ(
      render("{{ '2024-01-15T10:30:00Z' | dateSubtract(30, 'minute') | formatDate('HH:mm') }}"),
      "10:00");
  EXPECT_EQ(render("{{ '2024-01-15T10:30:00Z' | endOf('month') | formatDate }}"), "2024-01-31");
  EXPECT_EQ(render("{{ '2024-01-17' | startOf('week') | formatDate('dddd D') }}"), "Sunday 14");
  EXPECT_EQ(render("{{ '2024-01-15T00:00:00Z' | dateDiff('2024-01-01T00:00:00Z', 'day') }}"), "14");
  EXPECT_EQ(render("{{ '2024-01-15T00:00:00Z' | diff('2024-01-01T00:00:00Z', 'hour') }}"), "336");
  EXPECT_EQ(render("{{ '2024-01-15T10:30:00Z' | unix }}"), "1705314600");
  EXPECT_EQ(
      render(
          "{{ '2023-12-24' | isBefore('2023-12-25') }} {{ '2023-12-26' | isAfter('2023-12-25') }}"),
      "true true");
  EXPECT_EQ(render("{{ now() | isToday }} {{ '2024-01-14' | isToday }}"), "true false");
}

TEST_F(DateFilters, RelativeTime) {
  EXPECT_EQ(render("{{ '2024-01-10' | fromNow }}"), "5 days ago");
  EXPECT_EQ(render("{{ '2024-01-10' | dateFrom(true) }}"), "5 days");
  EXPECT_EQ(render("{{ now() | dateSub(2, 'hour') | fromNow }}"), "2 hours ago");
  EXPECT_EQ(render("{{ now() | dateAdd(3, 'day') | fromNow }}"), "in 3 days");
  EXPECT_EQ(render("{{ '2024-01-10' | toNow }}"), "in 5 days");
  EXPECT_EQ(render("{{ now() | dateSub(20, 'second') | fromNow }}"), "a few seconds ago");
  EXPECT_EQ(render("{{ '2022-01-01' | fromNow }}"), "2 years ago");
}

TEST(UnjucksFilters, NamesOfTheUnjucksRelease) {
  Options opts;
  opts.autoescape = false;
  Environment env(std::move(opts), std::make_unique<MapLoader>());
  Context ctx;
  auto r = [&](std::string_view s) { return env.render_string(s, ctx); };
  EXPECT_EQ(r("{{ 'user-profile' | PascalCase }}"), "UserProfile");
  EXPECT_EQ(r("{{ 'getUserProfile' | snake_case }} {{ 'apiUrl' | CONSTANT_CASE }}"),
            "get_user_profile API_URL");
  EXPECT_EQ(r("{{ 'UserProfile' | underscore }} {{ 'UserProfile' | dasherize }}"),
            "user_profile user-profile");
  EXPECT_EQ(r("{{ 'Admin::Users::User' | demodulize }} {{ 'App/Models/User' | demodulize }}"),
            "User User");
  EXPECT_EQ(r("{{ 'Hello World' | swapCase }}"), "hELLO wORLD");
  EXPECT_EQ(r("[{{ 'hello' | pad(10) }}] [{{ 'hello' | pad(10, '0') }}]"),
            "[  hello   ] [00hello000]");
  EXPECT_EQ(r("{{ '-' | repeat(5) }} {{ '42' | padStart(5, '0') }} {{ 'hi' | padEnd(4, '-') }}"),
            "----- 00042 hi--");
  EXPECT_EQ(r("{{ 'a b c d' | wrap(3) }}"), "a b\nc d");
  EXPECT_EQ(r("{{ 3.2 | ceil }} {{ 3.8 | floor }}"), "4 3");
  EXPECT_EQ(r("{{ 'Hello' | lowerCase }} {{ 'Hello' | upperCase }} {{ 'x-y' | paramCase }}"),
            "hello HELLO x-y");
  EXPECT_EQ(r("{{ 'hello_world' | startCase }}"), "Hello World");
}

}  // namespace
}  // namespace unjucks::tpl
