# Writes a csv pin into a folder board the way pins-r does, and prints what it wrote as JSON on
# stdout (run by test/integration/compat-r-python.test.ts).
#   data      utils::write.csv(row.names = FALSE)              (R/pin-read-write.R object_write)
#   data.txt  yaml::write_yaml(standard_meta order, user last)  (R/meta.R standard_meta, write_meta)
#   version   paste0(created, "-", substr(pin_hash, 1, 5))      (R/pin_versions.R version_name)
# pin_hash is not computed (hashes are tested elsewhere); the fixed value has a leading zero and
# only digits, a trap for YAML readers that turn it into a number (spec 1.6).
# Non-ASCII text is written with \u escapes so this file reads the same in any locale.
# Usage: Rscript write-pin.R <board folder> <pin name>
args <- commandArgs(trailingOnly = TRUE)
board <- args[[1]]
name <- args[[2]]

df <- data.frame(
  id = 1:6,
  text = c("say \"hi\", ok", "line1\nline2", "h\u00e9llo \u2713 \u65e5\u672c", "", NA, "NA"),
  code = c("00123", "0042", "007", "000", "01", "1e5"),
  flag = c(TRUE, FALSE, NA, TRUE, FALSE, TRUE),
  x = c(0.1, 1e-7, 1.5, NA, -2, 123456.789),
  stringsAsFactors = FALSE
)

created <- format(Sys.time(), "%Y%m%dT%H%M%SZ", tz = "UTC")
pin_hash <- "0123456789012345"
version <- paste0(created, "-", substr(pin_hash, 1, 5))
version_dir <- file.path(board, name, version)
dir.create(version_dir, recursive = TRUE)
file <- paste0(name, ".csv")
path <- file.path(version_dir, file)
utils::write.csv(df, path, row.names = FALSE)

meta <- list(
  file = file,
  file_size = as.integer(file.size(path)),
  pin_hash = pin_hash,
  type = "csv",
  title = "h\u00e9llo: a pinned 6 x 5 data frame",
  description = NULL,
  tags = c("a", "b"),
  urls = NULL,
  created = created,
  api_version = 1L,
  user = list(flag = TRUE, y = "y", n = "n", s = "yes", e = "1e5", hash_like = "12345e6789012345", num = 3L, x = 1.5)
)
yaml::write_yaml(meta, file.path(version_dir, "data.txt"))

data_txt <- paste(readLines(file.path(version_dir, "data.txt"), encoding = "UTF-8"), collapse = "\n")
columns <- lapply(df, function(column) list(class = class(column)[[1]], values = I(column)))
cat(jsonlite::toJSON(
  list(version = version, meta = meta, columns = columns, data_txt = data_txt),
  auto_unbox = TRUE, null = "null", na = "null", digits = NA
))
