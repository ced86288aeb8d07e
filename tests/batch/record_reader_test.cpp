#include "batch/record_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <string>
#include <vector>

namespace unjucks::batch {
namespace {

std::vector<Record> read_all(std::string data, DataFormat format, ReaderLimits limits = {}) {
  auto reader = records_from_string(std::move(data), format, limits);
  std::vector<Record> out;
  Record r;
  while (reader->next(&r)) out.push_back(r);
  return out;
}

TEST(RecordReader, JsonLinesOneRecordPerNonBlankLine) {
  auto recs = read_all("{\"name\":\"a\"}\n\n  \r\n{\"name\":\"b\"}\r\n{\"name\":\"c\"}",
                       DataFormat::kJsonLines);
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].json, "{\"name\":\"a\"}");
  EXPECT_EQ(recs[1].json, "{\"name\":\"b\"}");
  EXPECT_EQ(recs[2].json, "{\"name\":\"c\"}");
  EXPECT_EQ(recs[0].line, 1u);
  EXPECT_EQ(recs[1].line, 4u);
  EXPECT_EQ(recs[2].line, 5u);
  EXPECT_EQ(recs[2].number, 3u);
}

TEST(RecordReader, JsonLinesOversizedRecordIsAnErrorAndReadingGoesOn) {
  ReaderLimits limits;
  limits.max_record_bytes = 8;
  auto recs = read_all("{\"a\":\"0123456789\"}\n{\"b\":1}\n", DataFormat::kJsonLines, limits);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_NE(recs[0].error.find("larger than 8 bytes"), std::string::npos);
  EXPECT_EQ(recs[1].json, "{\"b\":1}");
  EXPECT_EQ(recs[1].line, 2u);
}

TEST(RecordReader, JsonArraySplitsElementsWithStringsAndNesting) {
  auto recs = read_all(
      "\xEF\xBB\xBF [ {\"a\": \"x,]\\\"}\"},\n {\"b\": [1, {\"c\": [2]}]} ,{\"d\":\"\\\\\"} ]\n",
      DataFormat::kAuto);
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].json, "{\"a\": \"x,]\\\"}\"}");
  EXPECT_EQ(recs[1].json, "{\"b\": [1, {\"c\": [2]}]}");
  EXPECT_EQ(recs[2].json, "{\"d\":\"\\\\\"}");
  EXPECT_EQ(recs[1].line, 2u);
  for (const Record& r : recs) EXPECT_EQ(r.error, "");
}

TEST(RecordReader, JsonArrayEmptyAndBroken) {
  EXPECT_TRUE(read_all("[ ]", DataFormat::kJsonArray).empty());
  // Empty is not JSON: one error, as render --data and --vars give.
  for (const char* empty : {"", "  \n", "\xEF\xBB\xBF"}) {
    auto none = read_all(empty, DataFormat::kJsonArray);
    ASSERT_EQ(none.size(), 1u);
    EXPECT_EQ(none[0].error, "the data is empty, which is not JSON (an array of no records is [])");
  }
  // JSON Lines and CSV: no lines, no records.
  EXPECT_TRUE(read_all("", DataFormat::kJsonLines).empty());
  EXPECT_TRUE(read_all("", DataFormat::kCsv).empty());

  auto unterminated = read_all("[{\"a\":1},{\"b\":", DataFormat::kJsonArray);
  ASSERT_EQ(unterminated.size(), 2u);
  EXPECT_EQ(unterminated[0].error, "");
  EXPECT_EQ(unterminated[1].error, "unterminated JSON array");

  auto trailing = read_all("[{\"a\":1},]", DataFormat::kJsonArray);
  ASSERT_EQ(trailing.size(), 2u);
  EXPECT_EQ(trailing[1].error, "empty element in the JSON array");

  auto after = read_all("[{\"a\":1}] x", DataFormat::kJsonArray);
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[1].error, "unexpected text after the JSON array");

  auto not_array = read_all("{\"a\":1}", DataFormat::kJsonArray);
  ASSERT_EQ(not_array.size(), 1u);
  EXPECT_EQ(not_array[0].error, "the data is not a JSON array");
}

TEST(RecordReader, DeepNestingCostsNoStack) {
  std::string deep = "[" + std::string(100000, '[') + std::string(100000, ']') + "]";
  auto recs = read_all(deep, DataFormat::kJsonArray);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].json.size(), 200000u);
}

TEST(RecordReader, CsvQuotesTypesAndCamelCase) {
  auto recs = read_all(
      "\xEF\xBB\xBFname,with-tests,count,zip\r\n"
      "alpha,true,3,007\r\n"
      "\r\n"
      "\"be, ta\",\"false\",\"say \"\"hi\"\"\",\"multi\nline\"\n",
      DataFormat::kCsv);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(
      recs[0].json,
      "{\"name\":\"alpha\",\"withTests\":true,\"with-tests\":true,\"count\":3,\"zip\":\"007\"}");
  EXPECT_EQ(recs[0].line, 2u);
  EXPECT_EQ(recs[1].json,
            "{\"name\":\"be, ta\",\"withTests\":false,\"with-tests\":false,\"count\":\"say "
            "\\\"hi\\\"\",\"zip\":\"multi\\nline\"}");
  EXPECT_EQ(recs[1].line, 4u);
}

TEST(RecordReader, CsvBadRowsAreErrorsThatDoNotStopTheInput) {
  auto recs = read_all("a,b\n1,2,3\n4,5\n\"open,6\n", DataFormat::kCsv);
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].error, "the row has 3 fields, the header has 2");
  EXPECT_EQ(recs[0].line, 2u);
  EXPECT_EQ(recs[1].json, "{\"a\":4,\"b\":5}");
  EXPECT_EQ(recs[2].error, "unterminated quoted field");
}

TEST(RecordReader, CsvInvalidUtf8IsARecordError) {
  auto recs = read_all("a\n\xff\xfe\n", DataFormat::kCsv);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].error, "the row is not valid UTF-8");
}

TEST(RecordReader, AutoDetectsFromTheBytes) {
  EXPECT_EQ(records_from_string("  [1]", DataFormat::kAuto)->format(), DataFormat::kJsonArray);
  EXPECT_EQ(records_from_string("\n{\"a\":1}", DataFormat::kAuto)->format(),
            DataFormat::kJsonLines);
  EXPECT_EQ(records_from_string("a,b\n1,2", DataFormat::kAuto)->format(), DataFormat::kCsv);
}

TEST(RecordReader, ReadsAFileInSmallChunksAndCountsBytes) {
  char path[] = "/tmp/unjucks-records-XXXXXX";
  int fd = ::mkstemp(path);
  ASSERT_GE(fd, 0);
  std::string data;
  for (int i = 0; i < 1000; ++i) data += "{\"i\":" + std::to_string(i) + "}\n";
  ASSERT_EQ(::write(fd, data.data(), data.size()), static_cast<ssize_t>(data.size()));
  ::close(fd);
  std::string err;
  ReaderLimits limits;
  limits.chunk_bytes = 7;  // records straddle every chunk boundary
  auto reader = open_records(path, DataFormat::kAuto, &err, limits);
  ASSERT_TRUE(reader) << err;
  EXPECT_EQ(reader->total_bytes(), data.size());
  Record r;
  int n = 0;
  while (reader->next(&r)) {
    EXPECT_EQ(r.json, "{\"i\":" + std::to_string(n) + "}");
    ++n;
  }
  EXPECT_EQ(n, 1000);
  EXPECT_EQ(reader->bytes_read(), data.size());
  ::unlink(path);
  EXPECT_FALSE(open_records("/nonexistent/data.jsonl", DataFormat::kAuto, &err));
  EXPECT_NE(err.find("cannot open /nonexistent/data.jsonl"), std::string::npos);
}

TEST(RecordReader, FormatNames) {
  DataFormat f;
  EXPECT_TRUE(parse_data_format("ndjson", &f));
  EXPECT_EQ(f, DataFormat::kJsonLines);
  EXPECT_TRUE(parse_data_format("csv", &f));
  EXPECT_EQ(data_format_name(f), "csv");
  EXPECT_FALSE(parse_data_format("xml", &f));
}

}  // namespace
}  // namespace unjucks::batch
