// Runs in the browser. GraphiQL on the endpoint that served this page: the
// page, its assets and every query stay on this origin (the CSP enforces it).
/* global React, ReactDOM, GraphiQL */
;(function startExplorer() {
  'use strict'
  var config = JSON.parse(document.getElementById('explorer-config').textContent)
  var endpoint = window.location.origin + window.location.pathname
  var fetcher = GraphiQL.createFetcher({ url: endpoint })
  var root = ReactDOM.createRoot(document.getElementById('graphiql'))
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: config.defaultQuery,
    }),
  )
})()
