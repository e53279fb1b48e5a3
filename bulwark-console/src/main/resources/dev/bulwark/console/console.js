// The console's only script, and the pages work without it: it marks the current section in the
// navigation for assistive technology.
document.querySelectorAll('header nav a').forEach(function (a) {
  var here = location.pathname;
  var href = a.getAttribute('href');
  if (href === here || (href === '/' && here.indexOf('/tenants') === 0)) {
    a.setAttribute('aria-current', 'page');
  }
});
