/* The review page's recording: the word being played is highlighted; clicking a word plays from there
 * (alt-click follows the link to its event in the timeline). */
(function () {
  var audio = document.getElementById("recording-audio"), words = document.querySelectorAll("#recording-words .rw");
  audio.addEventListener("timeupdate", function () {
    var t = audio.currentTime;
    words.forEach(function (w) { w.classList.toggle("now", t >= +w.dataset.start && t < +w.dataset.end); });
  });
  words.forEach(function (w) {
    w.addEventListener("click", function (e) { if (e.altKey) { return; } e.preventDefault(); audio.currentTime = +w.dataset.start; audio.play(); });
  });
})();
