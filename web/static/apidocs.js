// Starts the vendored Swagger UI on the element #swagger-ui with the OpenAPI document it names
// (data-url). A file, not an inline script: the Content-Security-Policy allows scripts from this
// origin only. No validator badge (it would call a remote service) and no deep-link rewriting.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var el = document.getElementById("swagger-ui");
  if (!el || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: el.getAttribute("data-url"),
    domNode: el,
    validatorUrl: null,
    deepLinking: false,
    docExpansion: "list",
    defaultModelsExpandDepth: 0
  });
});
