// The first message of every webview. The host posts nothing before it: a message sent while
// the page is still loading is lost, so the host queues until the webview says it is listening.
export interface InitializedMessage {
  type: 'initialized';
}
