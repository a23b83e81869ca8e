# Reads every pin of a folder board with the readers pins-r uses, and prints what they read as
# JSON on stdout (run by test/integration/compat-r-python.test.ts).
#   data.txt  yaml::read_yaml(eval.expr = FALSE)                (R/meta.R read_meta)
#   csv       utils::read.csv(stringsAsFactors = FALSE)         (R/pin-read-write.R object_read)
#   json      jsonlite::read_json(simplifyVector = TRUE)        (R/pin-read-write.R object_read)
#   version   strsplit on "-", created parsed as UTC %Y%m%dT%H%M%S (R/pin_versions.R version_from_path)
# Usage: Rscript read-board.R <board folder>
args <- commandArgs(trailingOnly = TRUE)
board <- args[[1]]

parse_version <- function(name) {
  pieces <- strsplit(name, "-", fixed = TRUE)[[1]]
  if (length(pieces) != 2) return(NULL)
  created <- as.POSIXct(strptime(pieces[[1]], "%Y%m%dT%H%M%S", tz = "UTC"))
  if (is.na(created)) return(NULL)
  list(created = format(created, "%Y-%m-%dT%H:%M:%SZ", tz = "UTC"), hash = pieces[[2]])
}

read_pin <- function(pin_dir) {
  version <- utils::tail(sort(list.files(pin_dir)), 1) # the latest version, as pins-r picks it
  version_dir <- file.path(pin_dir, version)
  meta <- yaml::read_yaml(file.path(version_dir, "data.txt"), eval.expr = FALSE)
  path <- file.path(version_dir, meta$file)
  data <- NULL
  if (identical(meta$type, "csv")) {
    df <- utils::read.csv(path, stringsAsFactors = FALSE)
    data <- lapply(df, function(column) list(class = class(column)[[1]], values = I(column)))
  } else if (identical(meta$type, "json")) {
    data <- jsonlite::read_json(path, simplifyVector = TRUE)
  }
  list(version = version, parsed_version = parse_version(version), meta = meta, data = data)
}

pins <- sort(list.files(board))
out <- lapply(file.path(board, pins), read_pin)
names(out) <- pins
cat(jsonlite::toJSON(out, auto_unbox = TRUE, null = "null", na = "null", digits = NA))
