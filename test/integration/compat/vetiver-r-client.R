# What vetiver-r's client does (R/endpoint.R `predict.vetiver_endpoint`, spec §5.6): the data
# frame as jsonlite::toJSON(na = "string"), POSTed by httr as a raw character body (no
# Content-Type); the reply parsed with jsonlite::fromJSON *before* the status is checked; an
# error status stops with "Failed to predict: <message>".
# Usage: Rscript vetiver-r-client.R URL ROWS_JSON. Prints the parsed answer as JSON.
args <- commandArgs(trailingOnly = TRUE)
new_data <- jsonlite::fromJSON(args[[2]])
body <- jsonlite::toJSON(new_data, na = "string")
response <- httr::POST(args[[1]], body = body)
answer <- jsonlite::fromJSON(httr::content(response, as = "text", encoding = "UTF-8"))
if (httr::status_code(response) >= 300) {
  if (!is.null(answer$message)) {
    cat(jsonlite::toJSON(list(stopped = paste("Failed to predict:", answer$message)), auto_unbox = TRUE))
  } else {
    cat(jsonlite::toJSON(list(stopped = paste("Failed to predict.", httr::http_status(response)$message)), auto_unbox = TRUE))
  }
  quit(status = 0)
}
cat(jsonlite::toJSON(answer, digits = NA))
