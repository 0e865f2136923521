// Reads a QR code with the phone's camera (jsQR) and sends it through the
// code form, the same form people type into when there is no camera.
(function () {
  "use strict";
  var start = document.getElementById("scanner-start");
  var box = document.getElementById("scanner");
  var video = document.getElementById("scanner-video");
  var canvas = document.getElementById("scanner-canvas");
  var problem = document.getElementById("scanner-problem");
  var form = document.getElementById("code-form");
  if (!start || !form) { return; }
  var input = form.querySelector("input[name=code]");
  var sent = false;

  function submitCode(text) {
    if (sent) { return; }
    sent = true;
    input.value = text;
    form.submit();
  }
  // Lets a test, or another reader, hand over a scanned code.
  window.portalScanned = submitCode;

  function tick() {
    if (sent) { return; }
    if (video.readyState === video.HAVE_ENOUGH_DATA) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      var context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var found = window.jsQR(image.data, image.width, image.height, {
        inversionAttempts: "dontInvert"
      });
      if (found && found.data) {
        submitCode(found.data.trim());
        return;
      }
    }
    window.requestAnimationFrame(tick);
  }

  start.addEventListener("click", function () {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.jsQR) {
      problem.hidden = false;
      return;
    }
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" } })
      .then(function (stream) {
        video.srcObject = stream;
        box.hidden = false;
        start.hidden = true;
        video.play();
        window.requestAnimationFrame(tick);
      })
      .catch(function () { problem.hidden = false; });
  });
})();
